package dev.orrery.metrics;

import dev.orrery.discord.GatewayStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code orrery_gateway_connected{shard}}: 1 while a shard this node runs is connected to the
 * gateway, else 0. Read afresh before each scrape: a node gains and loses shards.
 */
final class GatewayGauges {
  private final GatewayStatus gateway;
  private final MultiGauge connected;

  GatewayGauges(MeterRegistry registry, GatewayStatus gateway) {
    this.gateway = gateway;
    this.connected =
        MultiGauge.builder("orrery.gateway.connected")
            .description("1 while the shard's gateway connection is up, else 0")
            .register(registry);
  }

  void refresh() {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (Map.Entry<Integer, String> shard : gateway.byShard().entrySet()) {
      double up = GatewayStatus.CONNECTED.equals(shard.getValue()) ? 1 : 0;
      rows.add(MultiGauge.Row.of(Tags.of("shard", String.valueOf(shard.getKey())), up));
    }
    // shards no longer run go
    connected.register(rows, true);
  }
}
