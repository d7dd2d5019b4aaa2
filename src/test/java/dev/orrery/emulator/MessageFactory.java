package dev.orrery.emulator;

import java.time.Instant;
import java.util.List;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * Turns message bodies into stored messages (checked against Discord's limits) and stored messages
 * into JSON.
 */
final class MessageFactory {
  private final World world;

  MessageFactory(World world) {
    this.world = world;
  }

  /** Parses a body to create a message from; over-limit is 50035, nothing to show is 50006. */
  MessageDraft draftForCreate(DataObject body) {
    MessageDraft draft = MessageDraft.parse(body);
    MessageLimits.check(draft);
    if (draft.isEmpty()) {
      throw ApiError.emptyMessage();
    }
    return draft;
  }

  PostedMessage create(
      long id,
      Channel channel,
      MessageSource source,
      long interactionId,
      MessageDraft draft,
      int flags,
      Instant at) {
    Pings pings =
        MentionResolver.resolve(
            draft.content(), draft.allowedMentions(), channel.guild(), botPermissions(channel));
    return new PostedMessage(
        id,
        channel.guild().id(),
        channel.id(),
        source,
        interactionId,
        draft.content(),
        draft.embeds(),
        draft.components(),
        flags,
        draft.nonce(),
        draft.allowedMentions(),
        pings,
        at,
        null);
  }

  /**
   * Applies an edit: fields present in the body replace the stored ones. The ephemeral flag cannot
   * change after sending, and an edit ends a deferred reply's loading state.
   */
  PostedMessage edit(PostedMessage message, DataObject body, Instant at) {
    MessageDraft patch = MessageDraft.parse(body);
    String content = patch.has("content") ? patch.content() : message.content();
    List<PostedEmbed> embeds = patch.has("embeds") ? patch.embeds() : message.embeds();
    DataArray components = patch.has("components") ? patch.components() : message.components();
    AllowedMentions allowed =
        patch.has("allowed_mentions") ? patch.allowedMentions() : message.allowedMentions();
    int flags = message.flags() & ~PostedMessage.LOADING;
    MessageDraft merged =
        new MessageDraft(body, content, embeds, components, flags, null, false, allowed);
    MessageLimits.check(merged);
    if (merged.isEmpty()) {
      throw ApiError.emptyMessage();
    }
    Channel channel = world.channel(message.channelId()).orElseThrow(ApiError::unknownChannel);
    Pings pings =
        MentionResolver.resolve(content, allowed, channel.guild(), botPermissions(channel));
    return message.edited(content, embeds, components, flags, allowed, pings, at);
  }

  DataObject json(PostedMessage message) {
    return MessageJson.render(message, world.bot(), world.applicationId());
  }

  long botPermissions(Channel channel) {
    return PermissionCalculator.inChannel(world.botMember(channel.guild()), channel);
  }
}
