package dev.orrery.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;

/**
 * A request body as Discord reads it: JSON, or multipart/form-data whose {@code payload_json} part
 * is the JSON and whose {@code files[n]} parts are uploads. A body Discord would refuse keeps its
 * error in {@link #problem()}, raised once the request got past authorisation and rate limits.
 */
record RequestPayload(String json, List<Upload> uploads, ApiError problem) {
  /** Discord's cap on files in one message. */
  static final int MAX_FILES = 10;

  /** Discord's per-file upload limit for a bot (10 MiB). */
  static final int MAX_FILE_BYTES = 10 * 1024 * 1024;

  private static final Pattern FILE_PART = Pattern.compile("files\\[(\\d+)]");
  private static final Pattern NAME = Pattern.compile("(?<![a-z])name=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

  static RequestPayload read(String contentType, byte[] bytes) {
    MediaType type = contentType == null ? null : MediaType.parse(contentType);
    if (type == null || !"multipart".equals(type.type())) {
      return new RequestPayload(new String(bytes, StandardCharsets.UTF_8), List.of(), null);
    }
    String boundary = type.parameter("boundary");
    if (boundary == null) {
      return new RequestPayload("", List.of(), ApiError.invalidJson());
    }
    try {
      return multipart(bytes, boundary);
    } catch (IOException e) {
      return new RequestPayload("", List.of(), ApiError.invalidJson());
    }
  }

  private static RequestPayload multipart(byte[] bytes, String boundary) throws IOException {
    String json = "";
    List<Upload> uploads = new ArrayList<>();
    ApiError problem = null;
    try (MultipartReader reader = new MultipartReader(new Buffer().write(bytes), boundary)) {
      MultipartReader.Part part;
      while ((part = reader.nextPart()) != null) {
        try (MultipartReader.Part current = part) {
          String disposition = current.headers().get("Content-Disposition");
          String name = group(NAME, disposition);
          byte[] data = current.body().readByteArray();
          if ("payload_json".equals(name)) {
            json = new String(data, StandardCharsets.UTF_8);
            continue;
          }
          Matcher file = FILE_PART.matcher(name == null ? "" : name);
          if (!file.matches()) {
            continue; // Discord ignores form fields it does not know
          }
          if (data.length > MAX_FILE_BYTES) {
            problem = ApiError.entityTooLarge();
          }
          String filename = group(FILENAME, disposition);
          uploads.add(
              new Upload(
                  Integer.parseInt(file.group(1)),
                  filename == null ? "unknown" : filename,
                  current.headers().get("Content-Type"),
                  data));
        }
      }
    }
    if (problem == null && uploads.size() > MAX_FILES) {
      problem =
          ApiError.invalidFormBody(
              FormErrors.single(
                  "attachments",
                  "BASE_TYPE_MAX_LENGTH",
                  "Must be " + MAX_FILES + " or fewer in length."));
    }
    return new RequestPayload(json, List.copyOf(uploads), problem);
  }

  private static String group(Pattern pattern, String text) {
    if (text == null) {
      return null;
    }
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? matcher.group(1) : null;
  }
}
