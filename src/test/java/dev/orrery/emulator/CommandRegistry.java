package dev.orrery.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/** The bot's application commands, global and per guild, as last overwritten in bulk. */
final class CommandRegistry {
  private static final long GLOBAL = 0;

  private final Snowflakes ids;
  private final long applicationId;
  private final Map<Long, List<RegisteredCommand>> byScope = new ConcurrentHashMap<>();

  CommandRegistry(Snowflakes ids, long applicationId) {
    this.ids = ids;
    this.applicationId = applicationId;
  }

  /**
   * Replaces the scope's commands; a command keeping its name and type keeps its id, as on Discord.
   */
  synchronized List<RegisteredCommand> overwrite(long guildId, DataArray definitions) {
    List<RegisteredCommand> previous = commands(guildId);
    List<RegisteredCommand> next = new ArrayList<>();
    for (DataObject definition : definitions.stream(DataArray::getObject).toList()) {
      String name = definition.getString("name");
      int type = definition.getInt("type", 1);
      long id =
          previous.stream()
              .filter(c -> c.name().equals(name) && c.type() == type)
              .map(RegisteredCommand::id)
              .findFirst()
              .orElseGet(ids::next);
      DataObject stored =
          DataObject.fromJson(definition.toString())
              .put("id", Long.toUnsignedString(id))
              .put("application_id", Long.toUnsignedString(applicationId))
              .put("type", type)
              .put("version", Long.toUnsignedString(ids.next()));
      if (guildId != GLOBAL) {
        stored.put("guild_id", Long.toUnsignedString(guildId));
      }
      next.add(new RegisteredCommand(id, guildId, name, type, stored));
    }
    byScope.put(guildId, List.copyOf(next));
    return List.copyOf(next);
  }

  List<RegisteredCommand> commands(long guildId) {
    return byScope.getOrDefault(guildId, List.of());
  }

  List<RegisteredCommand> global() {
    return commands(GLOBAL);
  }

  /**
   * The slash command a member of the guild would see by that name: the guild's own first, then
   * global.
   */
  Optional<RegisteredCommand> find(long guildId, String name) {
    return commands(guildId).stream()
        .filter(c -> c.name().equals(name) && c.type() == 1)
        .findFirst()
        .or(
            () ->
                global().stream().filter(c -> c.name().equals(name) && c.type() == 1).findFirst());
  }

  static DataArray toJson(List<RegisteredCommand> commands) {
    DataArray array = DataArray.empty();
    commands.forEach(c -> array.add(c.raw()));
    return array;
  }
}
