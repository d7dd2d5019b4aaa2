package dev.orrery.feed;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.HttpUrl;

/** Turns what went wrong on the wire into a sentence a person can act on. */
public final class FetchErrors {
  private FetchErrors() {}

  static String timedOut(Duration timeout) {
    return "timed out after " + Readable.duration(timeout);
  }

  public static String describe(IOException e, HttpUrl at, boolean pastDeadline, Duration timeout) {
    RefusedAddressException refused = find(e, RefusedAddressException.class);
    if (refused != null) {
      return refused.getMessage();
    }
    if (pastDeadline || find(e, InterruptedIOException.class) != null) {
      return timedOut(timeout);
    }
    String hostPort = at.host() + ":" + at.port();
    if (find(e, UnknownHostException.class) != null) {
      return "cannot resolve host " + at.host();
    }
    ConnectException connect = find(e, ConnectException.class);
    if (connect != null) {
      return chainMentions(connect, "refused")
          ? "cannot connect to " + hostPort + ": connection refused"
          : "cannot connect to " + hostPort;
    }
    if (find(e, SSLException.class) != null) {
      return "secure connection to " + at.host() + " failed: " + tlsProblem(e);
    }
    return "network error talking to " + hostPort + ": " + networkProblem(e);
  }

  // Our words for what went wrong; the exception's own text is for the log.
  private static String tlsProblem(IOException e) {
    if (find(e, SSLPeerUnverifiedException.class) != null) {
      return "its certificate is for another host";
    }
    if (find(e, CertificateException.class) != null || chainMentions(e, "certificat")) {
      return "its certificate is not trusted";
    }
    return "the TLS handshake failed";
  }

  private static String networkProblem(IOException e) {
    if (find(e, ProtocolException.class) != null) {
      return "the answer is not valid HTTP";
    }
    if (find(e, EOFException.class) != null || chainMentions(e, "end of stream")) {
      return "the server closed the connection before it finished answering";
    }
    if (chainMentions(e, "reset")) {
      return "the connection was reset";
    }
    return "the connection failed";
  }

  static String badLocation(String location) {
    try {
      String scheme = URI.create(location).getScheme();
      if (scheme != null && !scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
        return "refused: redirect to a "
            + scheme.toLowerCase(Locale.ROOT)
            + ": URL, only http and https are allowed";
      }
    } catch (IllegalArgumentException unparsable) {
      // falls through to the generic sentence: the Location is not a URL at all
    }
    return "bad redirect: cannot follow Location "
        + abbreviate(InvisibleCharacters.strip(location));
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }

  private static boolean chainMentions(Throwable e, String word) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** The first throwable of the type in the cause chain or among suppressed exceptions. */
  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      for (Throwable suppressed : t.getSuppressed()) {
        if (type.isInstance(suppressed)) {
          return type.cast(suppressed);
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
