package dev.orrery.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The default name of a node: this machine's host name and the process ID, as "host-1234". */
final class ProcessName {
  private ProcessName() {}

  static String ofThisProcess() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "orrery";
    }
    // a host name is plain already; this keeps the name within the rule of cluster.node-name
    String plain = host.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
    String pid = "-" + ProcessHandle.current().pid();
    plain = plain.isEmpty() ? "orrery" : plain;
    return plain.substring(0, Math.min(plain.length(), 100 - pid.length())) + pid;
  }
}
