package dev.orrery.discord;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.requests.ErrorResponse;

/** Why a send failed, sorted by what the deliverer does about it. */
record SendFailure(Kind kind, String reason) {

  enum Kind {
    /** 10003: the channel was deleted; its subscriptions go. */
    CHANNEL_GONE,
    /** 50001, 50013, or JDA's own permission check: the subscriptions pause. */
    NO_ACCESS,
    /** The channel can have no webhook of the bot's: its webhook subscriptions pause. */
    NO_WEBHOOK,
    /** 5xx, time-outs, network: try again later. */
    TRANSIENT,
    /** Any other refusal: retrying would not help. */
    REJECTED
  }

  static SendFailure of(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof ChannelPoster.UnknownChannelException) {
      // not in JDA's cache: an archived thread, or a channel deleted while the bot was away;
      // only Discord's 10003 proves it is gone
      return new SendFailure(
          Kind.NO_ACCESS, "the bot cannot see this channel (an archived thread, or deleted)");
    }
    if (cause instanceof WebhookUnavailableException unavailable) {
      return new SendFailure(Kind.NO_WEBHOOK, unavailable.getMessage());
    }
    if (cause instanceof ChannelPoster.GuildUnavailableException unavailable) {
      return new SendFailure(Kind.TRANSIENT, unavailable.getMessage());
    }
    if (cause instanceof InsufficientPermissionException missing) {
      return new SendFailure(
          Kind.NO_ACCESS, "Missing permission: " + missing.getPermission().getName());
    }
    if (cause instanceof ErrorResponseException response) {
      ErrorResponse code = response.getErrorResponse();
      if (code == ErrorResponse.UNKNOWN_CHANNEL) {
        return new SendFailure(Kind.CHANNEL_GONE, code.getMeaning());
      }
      if (code == ErrorResponse.MISSING_ACCESS || code == ErrorResponse.MISSING_PERMISSIONS) {
        return new SendFailure(Kind.NO_ACCESS, code.getMeaning());
      }
      if (response.isServerError()) {
        return new SendFailure(
            Kind.TRANSIENT,
            "Discord error " + response.getErrorCode() + ": " + response.getMeaning());
      }
      return new SendFailure(Kind.REJECTED, response.getErrorCode() + " " + response.getMeaning());
    }
    if (cause instanceof CancellationException) {
      // JDA cancels a shard's queued requests when the shard stops (the bot stopping, or a node
      // giving the shard to another): the post was never refused, so it is tried again
      return new SendFailure(Kind.TRANSIENT, "cancelled as its shard stopped");
    }
    if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
      // JDA refused to build the message: sending it again would fail again
      return new SendFailure(Kind.REJECTED, "cannot be posted: " + cause.getMessage());
    }
    if (cause instanceof IOException) {
      return new SendFailure(Kind.TRANSIENT, "network: " + cause.getMessage());
    }
    return new SendFailure(
        Kind.TRANSIENT, cause.getClass().getSimpleName() + ": " + cause.getMessage());
  }
}
