package dev.orrery.emulator;

/** A Discord user: a person or the bot itself. */
public record User(long id, String username, boolean bot) {}
