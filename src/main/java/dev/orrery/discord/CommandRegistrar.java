package dev.orrery.discord;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the slash commands globally, or in the configured servers, and only when their
 * definitions changed: Discord limits how often commands may be created.
 */
final class CommandRegistrar {
  private static final Logger log = LoggerFactory.getLogger(CommandRegistrar.class);

  private CommandRegistrar() {}

  /**
   * @return how many command lists were written (0 when everything was current)
   */
  static int register(
      ShardManager shards, List<SlashCommandData> definitions, List<Long> guildIds) {
    Set<Map<String, Object>> wanted = shapes(definitions);
    if (guildIds.isEmpty()) {
      // global commands belong to the application, not to a shard: any one shard writes them once
      JDA jda = shards.getShards().get(0);
      List<Command> existing = jda.retrieveCommands().complete();
      if (wanted.equals(shapes(existing.stream().map(SlashCommandData::fromCommand).toList()))) {
        log.info("Slash commands are up to date");
        return 0;
      }
      jda.updateCommands().addCommands(definitions).complete();
      log.info("Registered {} slash commands globally", definitions.size());
      return 1;
    }
    int written = 0;
    for (long guildId : guildIds) {
      Guild guild = shards.getGuildById(guildId);
      if (guild == null) {
        log.warn(
            "discord.guild-ids names server {}, but the bot is not in it: invite the bot first",
            guildId);
        continue;
      }
      List<Command> existing = guild.retrieveCommands().complete();
      if (!wanted.equals(shapes(existing.stream().map(SlashCommandData::fromCommand).toList()))) {
        guild.updateCommands().addCommands(definitions).complete();
        written++;
        log.info("Registered {} slash commands in server {}", definitions.size(), guild.getName());
      }
    }
    return written;
  }

  private static Set<Map<String, Object>> shapes(List<SlashCommandData> commands) {
    Set<Map<String, Object>> shapes = new HashSet<>();
    for (SlashCommandData command : commands) {
      shapes.add(command.toData().toMap());
    }
    return shapes;
  }
}
