package dev.orrery.discord;

import dev.orrery.cluster.IdentifyTurns;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.dv8tion.jda.api.JDA;

/**
 * The session controller of a node of several: before a shard identifies, it takes its bucket's
 * turn from the other nodes ({@link IdentifyTurns}), so the bot as a whole identifies within
 * Discord's {@code max_concurrency}. JDA's controller spaces the shards of one process only, and
 * forgets its spacing when its shard manager's queue runs empty.
 */
final class SharedIdentifies extends ConfiguredGateway {
  private final IdentifyTurns turns;
  private final Map<SessionConnectNode, SessionConnectNode> waiting = new ConcurrentHashMap<>();
  private volatile int concurrency = 1;

  SharedIdentifies(String gateway, IdentifyTurns turns) {
    super(gateway);
    this.turns = turns;
  }

  @Override
  public ShardedGateway getShardedGateway(JDA api) {
    ShardedGateway gateway = super.getShardedGateway(api);
    concurrency = Math.max(1, gateway.getConcurrency());
    return gateway;
  }

  @Override
  public void appendSession(SessionConnectNode node) {
    SessionConnectNode turnTaking = new TurnTaking(node);
    waiting.put(node, turnTaking);
    super.appendSession(turnTaking);
  }

  @Override
  public void removeSession(SessionConnectNode node) {
    SessionConnectNode turnTaking = waiting.remove(node);
    super.removeSession(turnTaking != null ? turnTaking : node);
  }

  /** A shard's connection that first waits for its bucket's turn across the nodes. */
  private final class TurnTaking implements SessionConnectNode {
    private final SessionConnectNode node;

    TurnTaking(SessionConnectNode node) {
      this.node = node;
    }

    @Override
    public boolean isReconnect() {
      return node.isReconnect();
    }

    @Override
    public JDA getJDA() {
      return node.getJDA();
    }

    @Override
    public JDA.ShardInfo getShardInfo() {
      return node.getShardInfo();
    }

    @Override
    public void run(boolean isLast) throws InterruptedException {
      waiting.remove(node);
      turns.await(node.getShardInfo().getShardId() % concurrency);
      node.run(isLast);
    }
  }
}
