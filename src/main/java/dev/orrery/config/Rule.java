package dev.orrery.config;

import java.util.function.Function;

/**
 * How the text of a key becomes its value: the parser (null when the text is not accepted), what is
 * accepted (for a message that says what to write instead), and how a value is written back.
 *
 * @param written a value as it would be written in bot.properties ({@code 5MB}, {@code 10m})
 * @param spoken a value as a message shows it to a person ({@code 5 MB})
 */
record Rule<T>(
    Function<String, T> parser,
    String accepted,
    Function<T, String> written,
    Function<T, String> spoken) {

  Rule(Function<String, T> parser, String accepted, Function<T, String> written) {
    this(parser, accepted, written, written);
  }

  /** The value of {@code text}, or null when this rule does not accept it. */
  T parse(String text) {
    return parser.apply(text);
  }

  String write(T value) {
    return written.apply(value);
  }

  String speak(T value) {
    return spoken.apply(value);
  }
}
