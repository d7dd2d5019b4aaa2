package dev.orrery.emulator;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Works out whom a message notifies: what its content mentions, filtered by allowed mentions, and
 * for @everyone and roles by the bot's MENTION_EVERYONE permission (roles are not mentionable
 * here).
 */
final class MentionResolver {
  private static final Pattern EVERYONE = Pattern.compile("@(everyone|here)");
  private static final Pattern ROLE = Pattern.compile("<@&(\\d+)>");
  private static final Pattern USER = Pattern.compile("<@!?(\\d+)>");

  private MentionResolver() {}

  static Pings resolve(String content, AllowedMentions allowed, Guild guild, long botPermissions) {
    boolean mayMentionEveryone = Permissions.has(botPermissions, Permissions.MENTION_EVERYONE);
    boolean everyone =
        mayMentionEveryone && allowed.allowsEveryone() && EVERYONE.matcher(content).find();

    Set<Long> roles = new LinkedHashSet<>();
    Matcher roleMatch = ROLE.matcher(content);
    while (roleMatch.find()) {
      long id = Long.parseUnsignedLong(roleMatch.group(1));
      if (mayMentionEveryone && allowed.allowsRole(id) && guild.role(id).isPresent()) {
        roles.add(id);
      }
    }

    Set<Long> users = new LinkedHashSet<>();
    Matcher userMatch = USER.matcher(content);
    while (userMatch.find()) {
      long id = Long.parseUnsignedLong(userMatch.group(1));
      if (allowed.allowsUser(id) && guild.member(id).isPresent()) {
        users.add(id);
      }
    }
    return new Pings(everyone, Set.copyOf(roles), Set.copyOf(users));
  }
}
