package dev.orrery.discord;

import dev.orrery.feed.Readable;
import dev.orrery.poll.Catalogue;
import dev.orrery.poll.OpmlImport;
import dev.orrery.poll.OpmlImport.Outcome;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.interactions.InteractionHook;

/**
 * The reply to {@code /opml import}: edited as the feeds are done ("12 of 40…"), then the summary:
 * what was refused and why, what was added, what was already there.
 */
final class OpmlImportReply {
  /** The least time between two progress edits: Discord limits edits, and people read slower. */
  static final long EDIT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final InteractionHook hook;
  private final String channel;
  private final Catalogue catalogue;
  private long lastEdit;
  private boolean edited;

  /**
   * @param channel the channel's mention
   */
  OpmlImportReply(InteractionHook hook, String channel, Catalogue catalogue) {
    this.hook = hook;
    this.channel = channel;
    this.catalogue = catalogue;
  }

  void started(int total) {
    Replies.answer(
        hook, "Reading " + Readable.count(total, "feed", "feeds") + " for " + channel + "…");
  }

  /**
   * Edits the reply for the first feed done and then at most once a second; the last is left to the
   * summary.
   */
  synchronized void progress(int done, int total, Outcome outcome) {
    long now = System.nanoTime();
    if (done == total || (edited && now - lastEdit < EDIT_EVERY_NANOS)) {
      return;
    }
    edited = true;
    lastEdit = now;
    Replies.answer(hook, "Importing into " + channel + ": " + done + " of " + total + "…");
  }

  void finished(OpmlImport.Result result) {
    StringBuilder text =
        new StringBuilder("Imported into ")
            .append(channel)
            .append(": ")
            .append(result.added().size())
            .append(" added, ")
            .append(result.alreadyThere().size())
            .append(" already there, ")
            .append(result.refused().size())
            .append(" refused.");
    // the refusals first: they are what to act on, and a long list is cut at its end
    if (!result.refused().isEmpty()) {
      text.append("\n**Refused**");
      for (Outcome.Refused refused : result.refused()) {
        text.append("\n- ")
            .append(Replies.inert(refused.listed().url()))
            .append(": ")
            .append(Replies.inert(refused.reason()));
      }
    }
    append(
        text,
        "Added",
        result.added().stream().map(a -> a.feed()).map(catalogue::displayName).toList());
    append(
        text,
        "Already there",
        result.alreadyThere().stream().map(a -> a.feed()).map(catalogue::displayName).toList());
    Replies.answerWithoutPreviews(hook, text.toString());
  }

  private static void append(StringBuilder text, String heading, List<String> names) {
    if (!names.isEmpty()) {
      text.append("\n**")
          .append(heading)
          .append("**: ")
          .append(names.stream().map(Replies::inert).collect(Collectors.joining(", ")));
    }
  }
}
