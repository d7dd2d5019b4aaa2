package dev.orrery.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The rules the keys of the configuration follow: types, ranges and the words for them. */
final class Rules {
  private static final Duration LONGEST_DURATION = Duration.ofDays(7);
  private static final long LARGEST_SIZE = 1L << 30;
  private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,99}");
  private static final Pattern COLOR = Pattern.compile("#?([0-9a-fA-F]{6})");
  private static final Pattern HOST_PORT =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9][A-Za-z0-9.-]*):([0-9]{1,5})");

  private Rules() {}

  /** Any text, as written. */
  static Rule<String> text() {
    return new Rule<>(v -> v, "any text", v -> v);
  }

  /** A value that is never shown: only its first characters, masked. */
  static Rule<Secret> secret() {
    return new Rule<>(Secret::new, "the value", Secret::masked);
  }

  static Rule<Integer> wholeNumber(int min, int max) {
    return new Rule<>(
        v -> {
          Long n = Values.parseWholeNumber(v);
          return n != null && n >= min && n <= max ? n.intValue() : null;
        },
        "a whole number from " + min + " to " + max,
        String::valueOf);
  }

  static Rule<Boolean> bool() {
    return new Rule<>(
        v ->
            switch (v.toLowerCase(Locale.ROOT)) {
              case "true", "yes", "on" -> Boolean.TRUE;
              case "false", "no", "off" -> Boolean.FALSE;
              default -> null;
            },
        "true or false",
        String::valueOf);
  }

  /** From {@code min} to 7 days. */
  static Rule<Duration> duration(Duration min) {
    return new Rule<>(
        v -> {
          Duration d = Values.parseDuration(v);
          return d != null && d.compareTo(min) >= 0 && d.compareTo(LONGEST_DURATION) <= 0
              ? d
              : null;
        },
        "a duration from " + Values.formatDuration(min) + " to 7d, written like 30s, 10m or 1h",
        Values::formatDuration);
  }

  /** From {@code min} bytes to 1 GB. */
  static Rule<Long> size(long min) {
    return new Rule<>(
        v -> {
          Long n = Values.parseSize(v);
          return n != null && n >= min && n <= LARGEST_SIZE ? n : null;
        },
        "a size from " + Values.formatSize(min) + " to 1 GB, written like 512KB or 5MB",
        n -> {
          String size = Values.formatSize(n);
          return size.endsWith("bytes") ? String.valueOf(n) : size.replace(" ", "");
        },
        Values::formatSize);
  }

  /** An absolute URL with a host and one of {@code schemes}. */
  static Rule<URI> url(String... schemes) {
    Set<String> accepted = Set.of(schemes);
    return new Rule<>(
        v -> {
          try {
            URI uri = new URI(v);
            return uri.isAbsolute()
                    && uri.getHost() != null
                    && accepted.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                ? uri
                : null;
          } catch (URISyntaxException e) {
            return null;
          }
        },
        "an absolute " + String.join(" or ", new TreeSet<>(accepted)) + " URL",
        URI::toString);
  }

  static Rule<String> databaseUrl() {
    return new Rule<>(
        v -> v.startsWith("jdbc:sqlite:") || v.startsWith("jdbc:postgresql:") ? v : null,
        "a SQLite JDBC URL such as jdbc:sqlite:data/orrery.db, or a PostgreSQL one such as"
            + " jdbc:postgresql://localhost:5432/orrery",
        v -> v);
  }

  /** A node's name: what logs and the nodes table show, so plain characters only. */
  static Rule<String> nodeName() {
    return new Rule<>(
        v -> NODE_NAME.matcher(v).matches() ? v : null,
        "up to 100 letters, digits and . _ : @ -, starting with a letter or digit",
        v -> v);
  }

  /** One of {@code choices}, in any case; the value is the choice as written here. */
  static Rule<String> oneOf(String... choices) {
    List<String> accepted = List.of(choices);
    return new Rule<>(
        v -> accepted.stream().filter(v::equalsIgnoreCase).findFirst().orElse(null),
        "one of " + String.join(", ", choices),
        v -> v);
  }

  /**
   * {@code auto} (kept as {@link Config.Discord#AUTO_SHARDS}) or a whole number from 1 to {@code
   * max}.
   */
  static Rule<Integer> shardCount(int max) {
    return new Rule<>(
        v -> {
          if (v.equalsIgnoreCase("auto")) {
            return Config.Discord.AUTO_SHARDS;
          }
          Long n = Values.parseWholeNumber(v);
          return n != null && n >= 1 && n <= max ? n.intValue() : null;
        },
        "auto, or a whole number from 1 to " + max,
        v -> v == Config.Discord.AUTO_SHARDS ? "auto" : String.valueOf(v));
  }

  /** A Discord ID; {@code accepted} says which and where to find it. */
  static Rule<Long> snowflake(String accepted) {
    return new Rule<>(Values::parseSnowflake, accepted, Long::toUnsignedString);
  }

  /** Discord IDs separated by commas; none when empty. */
  static Rule<List<Long>> snowflakes(String accepted) {
    return new Rule<>(
        v -> {
          List<Long> ids = new ArrayList<>();
          for (String item : v.split(",")) {
            if (!item.isBlank()) {
              Long id = Values.parseSnowflake(item);
              if (id == null) {
                return null;
              }
              ids.add(id);
            }
          }
          return List.copyOf(ids);
        },
        accepted,
        ids -> ids.stream().map(Long::toUnsignedString).collect(Collectors.joining(",")));
  }

  /** A colour as 0xRRGGBB, written {@code #rrggbb}. */
  static Rule<Integer> color() {
    return new Rule<>(
        v -> {
          Matcher m = COLOR.matcher(v);
          return m.matches() ? Integer.parseInt(m.group(1), 16) : null;
        },
        "a colour as six hex digits, like #3776ab",
        c -> String.format("#%06x", c));
  }

  /**
   * An address to listen on, {@code host:port} (an IPv6 host in brackets); port 0 takes a free one.
   * Not resolved here: the server resolves it when it binds.
   */
  static Rule<InetSocketAddress> hostPort() {
    return new Rule<>(
        v -> {
          Matcher m = HOST_PORT.matcher(v);
          if (!m.matches() || Integer.parseInt(m.group(2)) > 65535) {
            return null;
          }
          String host = m.group(1).replace("[", "").replace("]", "");
          return InetSocketAddress.createUnresolved(host, Integer.parseInt(m.group(2)));
        },
        "host:port, such as 127.0.0.1:9108 or 0.0.0.0:9108 (port 0 to 65535)",
        a ->
            (a.getHostString().contains(":") ? "[" + a.getHostString() + "]" : a.getHostString())
                + ":"
                + a.getPort());
  }
}
