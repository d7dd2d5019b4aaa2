package dev.orrery.feed;

import java.net.UnknownHostException;

/**
 * A host resolved to an address the fetcher will not connect to; the message reads "refused:
 * 10.0.0.5 is a private address".
 */
public final class RefusedAddressException extends UnknownHostException {
  private static final long serialVersionUID = 1L;

  public RefusedAddressException(String message) {
    super(message);
  }
}
