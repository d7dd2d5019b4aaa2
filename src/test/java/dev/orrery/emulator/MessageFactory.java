package dev.orrery.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * Turns message bodies into stored messages (checked against Discord's limits, uploads stored as
 * attachments) and stored messages into JSON.
 */
final class MessageFactory {
  private final World world;
  private final AttachmentHost files;

  MessageFactory(World world, AttachmentHost files) {
    this.world = world;
    this.files = files;
  }

  /** Parses a body to create a message from; over-limit is 50035, nothing to show is 50006. */
  MessageDraft draftForCreate(DataObject body, List<Upload> uploads) {
    MessageDraft draft = MessageDraft.parse(body, uploads);
    MessageLimits.check(draft);
    if (draft.isEmpty()) {
      throw ApiError.emptyMessage();
    }
    return draft;
  }

  MessageDraft draftForCreate(DataObject body) {
    return draftForCreate(body, List.of());
  }

  PostedMessage create(
      long id,
      Channel channel,
      MessageSource source,
      long interactionId,
      MessageDraft draft,
      int flags,
      Instant at) {
    return create(id, channel, source, interactionId, draft, flags, at, null);
  }

  /**
   * A message shown as {@code webhook} (null for the bot's own); a webhook may mention @everyone
   * and any role, as Discord lets webhooks.
   */
  PostedMessage create(
      long id,
      Channel channel,
      MessageSource source,
      long interactionId,
      MessageDraft draft,
      int flags,
      Instant at,
      WebhookAuthor webhook) {
    long mentionPermissions = webhook == null ? botPermissions(channel) : Permissions.ALL;
    Pings pings =
        MentionResolver.resolve(
            draft.content(), draft.allowedMentions(), channel.guild(), mentionPermissions);
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
        source == MessageSource.WEBHOOK ? null : draft.nonce(),
        draft.allowedMentions(),
        pings,
        at,
        null,
        store(channel.id(), draft),
        webhook);
  }

  /**
   * Applies an edit: fields present in the body replace the stored ones; an {@code attachments}
   * list keeps only the files it names, and new uploads are added. The ephemeral flag cannot change
   * after sending, and an edit ends a deferred reply's loading state.
   */
  PostedMessage edit(PostedMessage message, DataObject body, List<Upload> uploads, Instant at) {
    MessageDraft patch = MessageDraft.parse(body, uploads);
    String content = patch.has("content") ? patch.content() : message.content();
    List<PostedEmbed> embeds = patch.has("embeds") ? patch.embeds() : message.embeds();
    DataArray components = patch.has("components") ? patch.components() : message.components();
    AllowedMentions allowed =
        patch.has("allowed_mentions") ? patch.allowedMentions() : message.allowedMentions();
    int flags = message.flags() & ~PostedMessage.LOADING;
    MessageDraft merged =
        new MessageDraft(body, content, embeds, components, flags, null, false, allowed, uploads);
    MessageLimits.check(merged);
    List<Attachment> attachments = new ArrayList<>();
    for (Attachment kept : message.attachments()) {
      if (!patch.has("attachments")
          || patch.keptAttachmentIds().contains(Long.toUnsignedString(kept.id()))) {
        attachments.add(kept);
      }
    }
    if (attachments.size() + uploads.size() > RequestPayload.MAX_FILES) {
      throw ApiError.invalidFormBody(
          FormErrors.single(
              "attachments",
              "BASE_TYPE_MAX_LENGTH",
              "Must be " + RequestPayload.MAX_FILES + " or fewer in length."));
    }
    if (merged.isEmpty() && attachments.isEmpty()) {
      throw ApiError.emptyMessage();
    }
    attachments.addAll(store(message.channelId(), merged));
    Channel channel = world.channel(message.channelId()).orElseThrow(ApiError::unknownChannel);
    long mentionPermissions = message.webhook() == null ? botPermissions(channel) : Permissions.ALL;
    Pings pings = MentionResolver.resolve(content, allowed, channel.guild(), mentionPermissions);
    return message.edited(content, embeds, components, flags, allowed, pings, at, attachments);
  }

  PostedMessage edit(PostedMessage message, DataObject body, Instant at) {
    return edit(message, body, List.of(), at);
  }

  private List<Attachment> store(long channelId, MessageDraft draft) {
    List<Attachment> stored = new ArrayList<>();
    for (Upload upload : draft.uploads()) {
      DataObject meta = draft.attachmentMeta(upload);
      stored.add(
          files.store(
              channelId,
              upload,
              meta.getString("filename", upload.filename()),
              meta.getString("description", null)));
    }
    return List.copyOf(stored);
  }

  DataObject json(PostedMessage message) {
    return MessageJson.render(message, world.bot(), world.applicationId(), files, true);
  }

  /**
   * The message as the bot reads it through its own API: without the message content intent,
   * Discord empties content, embeds, files and components of messages the app did not send, and of
   * messages its own webhooks sent too (discord-api-docs#5411): those the bot reads whole only
   * through the webhook's token.
   */
  DataObject jsonForBot(PostedMessage message, boolean messageContentIntent) {
    boolean visible = messageContentIntent || message.webhook() == null;
    return MessageJson.render(message, world.bot(), world.applicationId(), files, visible);
  }

  long botPermissions(Channel channel) {
    return PermissionCalculator.inChannel(world.botMember(channel.guild()), channel);
  }
}
