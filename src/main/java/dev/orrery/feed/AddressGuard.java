package dev.orrery.feed;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.Dns;

/**
 * An OkHttp {@link Dns} that refuses hosts resolving inside private networks (loopback, private,
 * link-local, CGNAT, multicast, unspecified, reserved, and IPv6 forms embedding those), so a feed
 * URL cannot reach the machine's neighbours or a cloud metadata service.
 */
public final class AddressGuard implements Dns {

  // OkHttp treats a host matching this as an IP literal and never calls Dns for it.
  private static final Pattern IP_LITERAL =
      Pattern.compile("([0-9a-fA-F]*:[0-9a-fA-F:.]*)|([\\d.]+)");

  private final Dns delegate;
  private final boolean allowPrivate;
  private final Set<InetAddress> allowedAddresses;

  public AddressGuard(Dns delegate, boolean allowPrivate) {
    this(delegate, allowPrivate, Set.of());
  }

  /**
   * @param allowedAddresses single addresses let through although their class is refused (a
   *     self-hosted feed on one known machine; the tests' loopback server)
   */
  public AddressGuard(Dns delegate, boolean allowPrivate, Set<InetAddress> allowedAddresses) {
    this.delegate = delegate;
    this.allowPrivate = allowPrivate;
    this.allowedAddresses = Set.copyOf(allowedAddresses);
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    List<InetAddress> addresses = delegate.lookup(hostname);
    // Every address must pass: OkHttp may try any of them.
    for (InetAddress address : addresses) {
      check(address);
    }
    return addresses;
  }

  /**
   * Checks a host that OkHttp will connect to without asking {@link Dns}: an IP literal. Host names
   * are left to {@link #lookup}.
   */
  public void checkLiteralHost(String host) throws UnknownHostException {
    if (IP_LITERAL.matcher(host).matches()) {
      check(InetAddress.getByName(host));
    }
  }

  /** Throws {@link RefusedAddressException} unless the address may be connected to. */
  public void check(InetAddress address) throws RefusedAddressException {
    if (allowPrivate || allowedAddresses.contains(address)) {
      return;
    }
    String kind = classify(address);
    if (kind != null) {
      throw new RefusedAddressException(
          "refused: "
              + format(address)
              + " is "
              + kind
              + " address"
              + RefusedAddressException.HOW_TO_ALLOW);
    }
  }

  /** "a private", "a loopback", … for an address that is not public, else null. */
  public static String classify(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == 4 ? classifyV4(b, 0) : classifyV6(b);
  }

  private static String classifyV4(byte[] bytes, int offset) {
    int a = bytes[offset] & 0xff;
    int b = bytes[offset + 1] & 0xff;
    int c = bytes[offset + 2] & 0xff;
    if (a == 0) {
      return "an unspecified";
    } else if (a == 127) {
      return "a loopback";
    } else if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)) {
      return "a private";
    } else if (a == 169 && b == 254) {
      return "a link-local";
    } else if (a == 100 && b >= 64 && b <= 127) {
      return "a carrier-grade NAT";
    } else if (a >= 224 && a <= 239) {
      return "a multicast";
    } else if (a >= 240
        || (a == 192 && b == 0 && (c == 0 || c == 2))
        || (a == 198 && (b == 18 || b == 19))
        || (a == 198 && b == 51 && c == 100)
        || (a == 203 && b == 0 && c == 113)) {
      // 240/4 and broadcast, IETF assignments, benchmarking, documentation ranges
      return "a reserved";
    }
    return null;
  }

  private static String classifyV6(byte[] b) {
    if (allZero(b, 0, 16)) {
      return "an unspecified";
    }
    if (allZero(b, 0, 15) && b[15] == 1) {
      return "a loopback";
    }
    boolean mapped = allZero(b, 0, 10) && b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    boolean compatible = allZero(b, 0, 12);
    boolean nat64 =
        b[0] == 0
            && b[1] == 0x64
            && b[2] == (byte) 0xff
            && b[3] == (byte) 0x9b
            && (allZero(b, 4, 12) || (b[4] == 0 && b[5] == 1));
    if (mapped || compatible || nat64) {
      return classifyV4(b, 12);
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return classifyV4(b, 2); // 6to4 carries the IPv4 address in bits 16-47
    }
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    if ((first & 0xfe) == 0xfc || (first == 0xfe && (second & 0xc0) == 0xc0)) {
      return "a private"; // unique local fc00::/7 and the old site-local fec0::/10
    } else if (first == 0xfe && (second & 0xc0) == 0x80) {
      return "a link-local";
    } else if (first == 0xff) {
      return "a multicast";
    } else if ((first == 0x20 && second == 0x01 && b[2] == 0x0d && b[3] == (byte) 0xb8)
        || (first == 0x01 && second == 0 && allZero(b, 2, 8))) {
      return "a reserved"; // documentation 2001:db8::/32, discard-only 100::/64
    }
    return null;
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** The address as people write it: dotted IPv4, compressed IPv6. */
  static String format(InetAddress address) {
    if (address instanceof Inet4Address) {
      return address.getHostAddress();
    }
    byte[] b = address.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
      } else {
        if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
          out.append(':');
        }
        out.append(Integer.toHexString(groups[i]));
      }
    }
    return out.toString();
  }
}
