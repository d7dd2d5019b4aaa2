package dev.orrery.feed;

import java.net.UnknownHostException;

/**
 * A host resolved to an address the fetcher will not connect to; the message reads "refused:
 * 10.0.0.5 is a private address" and says how to allow it.
 */
public final class RefusedAddressException extends UnknownHostException {
  /** Ends every refusal: what the owner of a self-hosted feed can do about it. */
  public static final String HOW_TO_ALLOW =
      " (for a feed on your own network, set http.allow-private-addresses=true)";

  private static final long serialVersionUID = 1L;

  public RefusedAddressException(String message) {
    super(message);
  }
}
