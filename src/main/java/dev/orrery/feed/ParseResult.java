package dev.orrery.feed;

/** What parsing a fetched body came to. */
public sealed interface ParseResult {

  record Parsed(ParsedFeed feed) implements ParseResult {}

  /** Not a usable feed; {@code reason} reads well to a person ("not a feed: the page is HTML"). */
  record Invalid(String reason) implements ParseResult {}
}
