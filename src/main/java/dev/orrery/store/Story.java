package dev.orrery.store;

import java.util.regex.Pattern;

/**
 * A new entry with the keys that tell its story apart from other sources': its link, normalised,
 * and its guid when that is meant to be unique everywhere.
 *
 * @param link the normalised link, or null
 * @param guid a guid that names the story across feeds, or null
 */
record Story(Entry entry, String link, String guid) {
  // a URI with a scheme (https://…, tag:…, urn:…): "42" or "post-7" name a post only in its feed
  private static final Pattern GLOBAL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:\\S{3,}");

  /** The guid when it can name a story across feeds, else null. */
  static String globalGuid(String guid) {
    return guid != null && guid.length() <= 2048 && GLOBAL.matcher(guid).matches() ? guid : null;
  }
}
