package dev.orrery.faults;

import dev.orrery.emulator.Channel;
import dev.orrery.emulator.DiscordEmulator;
import dev.orrery.emulator.PostedEmbed;
import dev.orrery.emulator.PostedMessage;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fault tests' two sides of the count, each keyed "channel id + entry link": the posts each
 * feed's new entries must make, and the posts Discord holds.
 */
final class PostLedger {
  private PostLedger() {}

  /** Every new entry of each feed, once in each channel subscribed to it. */
  static Set<String> wanted(Map<SyntheticFeed, List<Channel>> subscribers) {
    Set<String> wanted = new LinkedHashSet<>();
    subscribers.forEach(
        (feed, subscribed) -> {
          for (SyntheticFeed.Item item : feed.newItems()) {
            for (Channel channel : subscribed) {
              wanted.add(channel.id() + " " + item.link());
            }
          }
        });
    return wanted;
  }

  /** Posts per key in the channels; messages without a link count under their content. */
  static Map<String, Integer> posted(DiscordEmulator discord, List<Channel> channels) {
    Map<String, Integer> counts = new HashMap<>();
    for (Channel channel : channels) {
      for (PostedMessage message : discord.messages(channel)) {
        String what =
            message.embeds().isEmpty()
                ? "content:" + message.content()
                : message.embeds().stream().map(PostedEmbed::url).reduce("", String::concat);
        counts.merge(channel.id() + " " + what, 1, Integer::sum);
      }
    }
    return counts;
  }
}
