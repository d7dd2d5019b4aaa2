package dev.orrery.discord;

import dev.orrery.discord.SubscriptionPicker.Pick;
import dev.orrery.poll.Catalogue;
import dev.orrery.poll.DigestService;
import dev.orrery.store.DigestSchedule;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/**
 * {@code /customize digest}: one message per day or week instead of one per entry; without {@code
 * every}, back to one per entry, what was held going out in a last digest.
 */
final class CustomizeDigest implements CustomizeSubcommand {
  static final String DEFAULT_AT = "09:00";
  static final String DEFAULT_ZONE = "UTC";

  private final DigestService digests;
  private final Catalogue catalogue;

  CustomizeDigest(DigestService digests, Catalogue catalogue) {
    this.digests = digests;
    this.catalogue = catalogue;
  }

  @Override
  public SubcommandData definition() {
    OptionData every =
        new OptionData(OptionType.STRING, "every", "How often (none: one message per post again)");
    for (DigestSchedule.Every often : DigestSchedule.Every.values()) {
      every.addChoice(often.word(), often.word());
    }
    return new SubcommandData("digest", "One message a day or a week instead of one per post")
        .addOptions(
            CustomizeCommand.sourceOption(),
            every,
            new OptionData(
                    OptionType.STRING, "at", "The time of day, HH:MM on a 24-hour clock (09:00)")
                .setMaxLength(5),
            new OptionData(
                OptionType.STRING,
                "timezone",
                "The time zone, such as Europe/Paris (UTC)",
                false,
                true),
            CustomizeCommand.channelOption());
  }

  @Override
  public void handle(SlashCommandInteractionEvent event, Pick.Picked picked) {
    String every = event.getOption("every", OptionMapping::getAsString);
    String at = event.getOption("at", OptionMapping::getAsString);
    String zone = event.getOption("timezone", OptionMapping::getAsString);
    long id = picked.subscription().id();
    if (every == null) {
      if (at != null || zone != null) {
        Replies.error(
            event.getHook(),
            true,
            "A time and a time zone shape a digest: add every:daily or every:weekly, or leave all"
                + " three out to turn the digest off. Nothing was changed.");
        return;
      }
      stop(event, picked, digests.stop(id));
      return;
    }
    DigestService.Result result =
        digests.set(id, every, at == null ? DEFAULT_AT : at, zone == null ? DEFAULT_ZONE : zone);
    if (result instanceof DigestService.Result.Refused refused) {
      Replies.error(
          event.getHook(), true, Replies.sentence(refused.reason()) + " Nothing was saved.");
    } else if (result instanceof DigestService.Result.Scheduled scheduled) {
      Replies.answer(
          event.getHook(),
          picked.describe(catalogue)
              + " now comes as a "
              + SubscriptionsCommand.digest(scheduled.schedule())
              + ", instead of one message per post. The next one is due "
              + scheduled.next().describe()
              + ".");
    }
  }

  private void stop(
      SlashCommandInteractionEvent event, Pick.Picked picked, DigestService.Result result) {
    if (result instanceof DigestService.Result.Refused refused) {
      Replies.error(event.getHook(), true, Replies.sentence(refused.reason()));
    } else if (result instanceof DigestService.Result.Stopped stopped) {
      String held =
          switch (stopped.lastDigest()) {
            case 0 -> "";
            case 1 -> " The post it held goes out now in one last digest.";
            default ->
                " The " + stopped.lastDigest() + " posts it held go out now in one last digest.";
          };
      Replies.answer(
          event.getHook(),
          "Turned off the digest of "
              + picked.describe(catalogue)
              + ": each new post is sent on its own again."
              + held);
    }
  }
}
