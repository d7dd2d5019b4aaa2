package dev.orrery.emulator;

import net.dv8tion.jda.api.utils.ConcurrentSessionController;

/**
 * A session controller whose gateway is the emulator's: a single JDABuilder never asks REST for it.
 */
final class EmulatorSessionController extends ConcurrentSessionController {
  private final String gatewayUrl;

  EmulatorSessionController(String gatewayUrl) {
    this.gatewayUrl = gatewayUrl;
  }

  @Override
  public String getGateway() {
    return gatewayUrl;
  }
}
