package dev.orrery.emulator;

/** One choice the bot offered in answer to an autocomplete interaction. */
public record AutocompleteChoice(String name, Object value) {}
