package dev.orrery.emulator;

/**
 * One {@code files[n]} part of a multipart request, before Discord gives it an attachment id: its
 * index {@code n}, file name, the part's content type and bytes.
 */
record Upload(int index, String filename, String contentType, byte[] bytes) {}
