package dev.orrery.emulator;

import java.util.List;

/**
 * An option of a scripted slash command or autocomplete interaction. Channel, role and member
 * options carry the model object, and attachment options the file, so the interaction can include
 * Discord's {@code resolved} data.
 */
public record CommandOption(
    String name, int type, Object value, List<CommandOption> options, boolean focused) {
  public static final int SUB_COMMAND = 1;
  public static final int SUB_COMMAND_GROUP = 2;
  public static final int STRING = 3;
  public static final int INTEGER = 4;
  public static final int BOOLEAN = 5;
  public static final int USER = 6;
  public static final int CHANNEL = 7;
  public static final int ROLE = 8;
  public static final int NUMBER = 10;
  public static final int ATTACHMENT = 11;

  public static CommandOption string(String name, String value) {
    return new CommandOption(name, STRING, value, List.of(), false);
  }

  public static CommandOption integer(String name, long value) {
    return new CommandOption(name, INTEGER, value, List.of(), false);
  }

  public static CommandOption number(String name, double value) {
    return new CommandOption(name, NUMBER, value, List.of(), false);
  }

  public static CommandOption bool(String name, boolean value) {
    return new CommandOption(name, BOOLEAN, value, List.of(), false);
  }

  public static CommandOption channel(String name, Channel channel) {
    return new CommandOption(name, CHANNEL, channel, List.of(), false);
  }

  public static CommandOption role(String name, Role role) {
    return new CommandOption(name, ROLE, role, List.of(), false);
  }

  public static CommandOption user(String name, Member member) {
    return new CommandOption(name, USER, member, List.of(), false);
  }

  /**
   * A file the user attaches to the command: the emulator stores it, serves it at its url and
   * resolves it in the interaction, as Discord does with an upload.
   */
  public static CommandOption attachment(
      String name, String filename, String contentType, byte[] bytes) {
    return new CommandOption(
        name, ATTACHMENT, new Upload(0, filename, contentType, bytes.clone()), List.of(), false);
  }

  public static CommandOption subcommand(String name, CommandOption... options) {
    return new CommandOption(name, SUB_COMMAND, null, List.of(options), false);
  }

  public static CommandOption group(String name, CommandOption... subcommands) {
    return new CommandOption(name, SUB_COMMAND_GROUP, null, List.of(subcommands), false);
  }

  /**
   * The option the user is typing in, for an autocomplete interaction (its value is the partial
   * text).
   */
  public static CommandOption focused(String name, String partialValue) {
    return new CommandOption(name, STRING, partialValue, List.of(), true);
  }
}
