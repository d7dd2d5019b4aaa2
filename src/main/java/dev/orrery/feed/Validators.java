package dev.orrery.feed;

/** The HTTP cache validators of a feed, either of which may be null. */
public record Validators(String etag, String lastModified) {
  public static final Validators NONE = new Validators(null, null);
}
