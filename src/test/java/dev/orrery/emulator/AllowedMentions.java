package dev.orrery.emulator;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * The {@code allowed_mentions} a message was sent with. When absent, Discord pings everything the
 * content mentions, which is what {@link #present()} false means.
 */
public record AllowedMentions(
    boolean present, Set<String> parse, List<Long> users, List<Long> roles, boolean repliedUser) {
  static final AllowedMentions ABSENT =
      new AllowedMentions(false, Set.of("everyone", "roles", "users"), List.of(), List.of(), true);

  static AllowedMentions from(DataObject message) {
    if (message.isNull("allowed_mentions")) {
      return ABSENT;
    }
    DataObject json = message.getObject("allowed_mentions");
    return new AllowedMentions(
        true,
        strings(json.optArray("parse").orElseGet(DataArray::empty))
            .collect(Collectors.toUnmodifiableSet()),
        strings(json.optArray("users").orElseGet(DataArray::empty))
            .map(Long::parseUnsignedLong)
            .toList(),
        strings(json.optArray("roles").orElseGet(DataArray::empty))
            .map(Long::parseUnsignedLong)
            .toList(),
        json.getBoolean("replied_user"));
  }

  private static Stream<String> strings(DataArray array) {
    // ids arrive as strings, but a hand-written body may use numbers: getString converts either
    return array.stream(DataArray::getString);
  }

  public boolean allowsEveryone() {
    return parse.contains("everyone");
  }

  public boolean allowsRole(long roleId) {
    return parse.contains("roles") || roles.contains(roleId);
  }

  public boolean allowsUser(long userId) {
    return parse.contains("users") || users.contains(userId);
  }
}
