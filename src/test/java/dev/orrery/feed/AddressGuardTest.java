package dev.orrery.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import okhttp3.Dns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressGuardTest {

  static InetAddress address(String literal) throws UnknownHostException {
    return InetAddress.getByName(literal);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "127.0.0.1, a loopback",
    "127.255.0.9, a loopback",
    "::1, a loopback",
    "10.0.0.5, a private",
    "172.16.0.1, a private",
    "172.31.255.255, a private",
    "192.168.1.1, a private",
    "fc00::1, a private",
    "fd12:3456::1, a private",
    "169.254.169.254, a link-local",
    "fe80::1, a link-local",
    "100.64.0.1, a carrier-grade NAT",
    "100.127.255.254, a carrier-grade NAT",
    "224.0.0.1, a multicast",
    "ff02::1, a multicast",
    "0.0.0.0, an unspecified",
    "0.1.2.3, an unspecified",
    "::, an unspecified",
    "255.255.255.255, a reserved",
    "240.0.0.1, a reserved",
    "::ffff:10.0.0.5, a private",
    "::ffff:127.0.0.1, a loopback",
    "::ffff:169.254.169.254, a link-local",
    "::10.0.0.5, a private",
    "::127.0.0.1, a loopback",
    "64:ff9b::a9fe:a9fe, a link-local",
    "64:ff9b::7f00:1, a loopback",
    "2002:0a00:0005::1, a private",
    "2002:7f00:0001::1, a loopback",
  })
  void classifiesNonPublicAddresses(String literal, String kind) throws UnknownHostException {
    assertThat(AddressGuard.classify(address(literal))).isEqualTo(kind);
  }

  @ParameterizedTest
  @CsvSource({
    "8.8.8.8",
    "1.1.1.1",
    "172.32.0.1",
    "100.128.0.1",
    "192.169.0.1",
    "2606:4700:4700::1111",
    "2a00:1450::1",
    "64:ff9b::808:808",
    "::ffff:8.8.8.8"
  })
  void letsPublicAddressesThrough(String literal) throws UnknownHostException {
    assertThat(AddressGuard.classify(address(literal))).isNull();
  }

  @Test
  void refusesANameResolvingToAPrivateAddress() {
    Dns dns = hostname -> List.of(address("93.184.215.14"), address("10.0.0.5"));
    AddressGuard guard = new AddressGuard(dns, false);
    assertThatThrownBy(() -> guard.lookup("mixed.test"))
        .isInstanceOf(RefusedAddressException.class)
        .isInstanceOf(UnknownHostException.class)
        .hasMessage(
            "refused: 10.0.0.5 is a private address" + RefusedAddressException.HOW_TO_ALLOW);
  }

  @Test
  void formatsIpv6Compactly() {
    Dns dns = hostname -> List.of(address("fe80:0:0:0:0:0:0:1"));
    assertThatThrownBy(() -> new AddressGuard(dns, false).lookup("ll.test"))
        .hasMessage(
            "refused: fe80::1 is a link-local address" + RefusedAddressException.HOW_TO_ALLOW);
  }

  @Test
  void allowsEverythingWithTheFlag() throws UnknownHostException {
    Dns dns = hostname -> List.of(address("10.0.0.5"));
    assertThat(new AddressGuard(dns, true).lookup("lan.test")).containsExactly(address("10.0.0.5"));
  }

  @Test
  void allowsSingleListedAddressesOnly() throws UnknownHostException {
    AddressGuard guard =
        new AddressGuard(
            hostname -> List.of(address("192.168.1.10")), false, Set.of(address("192.168.1.10")));
    assertThat(guard.lookup("nas.test")).containsExactly(address("192.168.1.10"));
    assertThatThrownBy(() -> guard.check(address("192.168.1.11")))
        .hasMessage(
            "refused: 192.168.1.11 is a private address" + RefusedAddressException.HOW_TO_ALLOW);
  }

  @Test
  @org.junit.jupiter.api.DisplayName(
      "literal hosts, which OkHttp never resolves, are checked too; names are left to lookup")
  void checksLiteralHosts() throws UnknownHostException {
    AddressGuard guard = new AddressGuard(Dns.SYSTEM, false);
    assertThatThrownBy(() -> guard.checkLiteralHost("10.0.0.5"))
        .hasMessage(
            "refused: 10.0.0.5 is a private address" + RefusedAddressException.HOW_TO_ALLOW);
    assertThatThrownBy(() -> guard.checkLiteralHost("::ffff:a00:5"))
        .hasMessage(
            "refused: 10.0.0.5 is a private address" + RefusedAddressException.HOW_TO_ALLOW);
    assertThatThrownBy(() -> guard.checkLiteralHost("2130706433"))
        .hasMessage(
            "refused: 127.0.0.1 is a loopback address" + RefusedAddressException.HOW_TO_ALLOW);
    guard.checkLiteralHost("8.8.8.8");
    guard.checkLiteralHost("example.com"); // not a literal: no lookup here, no exception
  }
}
