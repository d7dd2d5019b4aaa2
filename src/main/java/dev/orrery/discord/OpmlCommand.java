package dev.orrery.discord;

import dev.orrery.feed.OpmlFeed;
import dev.orrery.feed.OpmlReader;
import dev.orrery.feed.Readable;
import dev.orrery.poll.Catalogue;
import dev.orrery.poll.OpmlExport;
import dev.orrery.poll.OpmlImport;
import dev.orrery.store.Subscription;
import dev.orrery.store.SubscriptionStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /opml export}: the server's subscriptions as an OPML file; {@code /opml import}: a channel
 * subscribed to each feed of an attached OPML file, the reply telling the progress.
 */
final class OpmlCommand implements SlashCommand {
  private static final Logger log = LoggerFactory.getLogger(OpmlCommand.class);
  static final String FILE_NAME = "subscriptions.opml";
  private static final int DOWNLOAD_SECONDS = 30;

  private final SubscriptionStore subscriptions;
  private final OpmlExport export;
  private final OpmlImport importer;
  private final Catalogue catalogue;
  private final OpmlReader reader = new OpmlReader();
  // one import at a time: each holds a command thread for minutes
  private final Semaphore importing = new Semaphore(1);

  OpmlCommand(
      SubscriptionStore subscriptions,
      OpmlExport export,
      OpmlImport importer,
      Catalogue catalogue) {
    this.subscriptions = subscriptions;
    this.export = export;
    this.importer = importer;
    this.catalogue = catalogue;
  }

  @Override
  public SlashCommandData definition() {
    return Commands.slash("opml", "Export this server's subscriptions as OPML, or import a file")
        .addSubcommands(
            new SubcommandData("export", "This server's subscriptions as an OPML file"),
            new SubcommandData("import", "Subscribe a channel to each feed of an OPML file")
                .addOptions(
                    new OptionData(
                        OptionType.ATTACHMENT,
                        "file",
                        "An OPML file (at most 1 MB and 500 feeds)",
                        true),
                    new OptionData(
                            OptionType.CHANNEL, "channel", "Where to post (default: this channel)")
                        .setChannelTypes(Targets.POSTABLE)))
        .setContexts(InteractionContextType.GUILD)
        .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_CHANNEL));
  }

  @Override
  public void handle(SlashCommandInteractionEvent event) {
    if ("export".equals(event.getSubcommandName())) {
      export(event);
    } else {
      importFile(event);
    }
  }

  private void export(SlashCommandInteractionEvent event) {
    Guild guild = event.getGuild();
    List<Subscription> all = subscriptions.forGuild(guild.getIdLong());
    if (all.isEmpty()) {
      Replies.answer(
          event.getHook(),
          "This server has no subscriptions to export yet. Start with /subscribe (see /sources).");
      return;
    }
    byte[] file = export.write(guild.getName(), all, id -> channelName(guild, id));
    long channels = all.stream().mapToLong(Subscription::channelId).distinct().count();
    String text =
        "This server's "
            + Readable.count(all.size(), "subscription", "subscriptions")
            + " in "
            + Readable.count(channels, "channel", "channels")
            + ", with their filters, templates, appearances and digests. /opml import takes this"
            + " file back, into one channel at a time.";
    event
        .getHook()
        .editOriginal(
            new MessageEditBuilder()
                .setContent(text)
                .setAttachments(FileUpload.fromData(file, FILE_NAME))
                .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
                .build())
        .queue();
  }

  private static String channelName(Guild guild, long id) {
    GuildChannel channel = guild.getGuildChannelById(id);
    return channel != null ? channel.getName() : "deleted channel " + id;
  }

  private void importFile(SlashCommandInteractionEvent event) {
    GuildChannel target = Targets.channel(event);
    String refusal = Targets.refusal(event.getMember(), target);
    if (refusal != null) {
      Replies.error(event.getHook(), true, refusal);
      return;
    }
    Message.Attachment attachment = event.getOption("file", OptionMapping::getAsAttachment);
    String name = Replies.inert(attachment.getFileName());
    if (attachment.getSize() > OpmlReader.MAX_BYTES) {
      Replies.error(
          event.getHook(),
          true,
          "Could not import " + name + ": " + OpmlReader.tooLarge(attachment.getSize()) + ".");
      return;
    }
    byte[] bytes = download(attachment);
    if (bytes == null) {
      Replies.error(
          event.getHook(),
          true,
          "I could not download " + name + " from Discord; nothing changed. Please try again.");
      return;
    }
    OpmlReader.Read read = reader.read(bytes);
    if (read instanceof OpmlReader.Read.Refused refused) {
      Replies.error(
          event.getHook(),
          true,
          "Could not import "
              + name
              + ": "
              + Replies.inert(refused.reason())
              + ". Nothing changed.");
      return;
    }
    if (!importing.tryAcquire()) {
      Replies.error(
          event.getHook(),
          true,
          "Another import is under way; try again when it has finished. Nothing changed.");
      return;
    }
    try {
      run(event, target, ((OpmlReader.Read.Feeds) read).feeds());
    } finally {
      importing.release();
    }
  }

  private void run(SlashCommandInteractionEvent event, GuildChannel target, List<OpmlFeed> feeds) {
    OpmlImportReply reply = new OpmlImportReply(event.getHook(), target.getAsMention(), catalogue);
    reply.started(feeds.size());
    try {
      OpmlImport.Result result =
          importer.run(
              new OpmlImport.Target(
                  event.getGuild().getIdLong(), target.getIdLong(), event.getUser().getIdLong()),
              feeds,
              reply::progress);
      reply.finished(result);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Replies.error(
          event.getHook(),
          true,
          "The import stopped because I am shutting down. The feeds done so far are subscribed:"
              + " import the file again to do the rest.");
    }
  }

  /** The attachment's bytes, one past the limit at most; null when Discord would not give them. */
  private static byte[] download(Message.Attachment attachment) {
    CompletableFuture<InputStream> download = attachment.getProxy().download();
    try (InputStream in = download.get(DOWNLOAD_SECONDS, TimeUnit.SECONDS)) {
      return in.readNBytes(OpmlReader.MAX_BYTES + 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException | IOException e) {
      log.warn("Downloading the attached {} failed: {}", attachment.getFileName(), e.toString());
      return null;
    } finally {
      // given up on: a body that arrives later is closed, not left open
      download.thenAccept(OpmlCommand::closeQuietly);
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      log.debug("Closing a download failed", e);
    }
  }
}
