package dev.orrery.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * The interaction endpoints: the callback ({@code interactions/{id}/{token}/callback}) and the
 * application webhook for the original response and follow-ups ({@code webhooks/{app}/{token}...}).
 */
final class InteractionRoutes {
  private final World world;
  private final Snowflakes ids;
  private final MessageStore messages;
  private final MessageFactory factory;
  private final Duration ackDeadline;
  private final Map<Long, Interaction> byId = new ConcurrentHashMap<>();
  private final Map<String, Interaction> byToken = new ConcurrentHashMap<>();

  InteractionRoutes(
      World world,
      Snowflakes ids,
      MessageStore messages,
      MessageFactory factory,
      Duration ackDeadline) {
    this.world = world;
    this.ids = ids;
    this.messages = messages;
    this.factory = factory;
    this.ackDeadline = ackDeadline;
  }

  void register(RouteTable table, RouteLimit limit) {
    String message = "webhooks/{webhook_id}/{webhook_token}/messages/{message_id}";
    table
        .addInteraction(
            "POST",
            "interactions/{interaction_id}/{interaction_token}/callback",
            limit,
            this::callback)
        .addInteraction("POST", "webhooks/{webhook_id}/{webhook_token}", limit, this::followUp)
        .addInteraction("GET", message, limit, this::getMessage)
        .addInteraction("PATCH", message, limit, this::editMessage)
        .addInteraction("DELETE", message, limit, this::deleteMessage);
  }

  /** Makes an interaction the bot may answer; the emulator sends its payload on the gateway. */
  void track(Interaction interaction) {
    byId.put(interaction.id(), interaction);
    byToken.put(interaction.token(), interaction);
  }

  private ApiResponse callback(ApiRequest request) {
    Interaction interaction =
        Optional.ofNullable(byId.get(request.id("interaction_id")))
            .filter(i -> i.token().equals(request.param("interaction_token")))
            .orElseThrow(ApiError::unknownInteraction);
    // Discord forgets an interaction not answered in time (3 s by default there; configurable here)
    if (request.receivedAt().isAfter(interaction.createdAt().plus(ackDeadline))) {
      throw ApiError.unknownInteraction();
    }
    DataObject body = request.json();
    int type = body.getInt("type", 0);
    DataObject data = body.optObject("data").orElseGet(DataObject::empty);
    synchronized (interaction) {
      if (interaction.acknowledged()) {
        throw ApiError.alreadyAcknowledged();
      }
      return answer(interaction, type, data, request);
    }
  }

  private ApiResponse answer(
      Interaction interaction, int type, DataObject data, ApiRequest request) {
    PostedMessage message = null;
    switch (type) {
      case Interaction.CALLBACK_MESSAGE:
        {
          MessageDraft draft = factory.draftForCreate(data, request.uploads());
          message =
              factory.create(
                  ids.next(),
                  interaction.channel(),
                  MessageSource.INTERACTION_REPLY,
                  interaction.id(),
                  draft,
                  draft.flags() & ~PostedMessage.LOADING,
                  request.receivedAt());
          messages.add(message);
          interaction.acknowledge(type, message.id(), true);
          break;
        }
      case Interaction.CALLBACK_DEFERRED_MESSAGE:
        {
          // the "thinking" placeholder becomes the reply when the bot edits it or follows up
          int flags = PostedMessage.LOADING | (data.getInt("flags", 0) & PostedMessage.EPHEMERAL);
          MessageDraft empty = MessageDraft.parse(DataObject.empty());
          message =
              factory.create(
                  ids.next(),
                  interaction.channel(),
                  MessageSource.INTERACTION_REPLY,
                  interaction.id(),
                  empty,
                  flags,
                  request.receivedAt());
          messages.add(message);
          interaction.acknowledge(type, message.id(), false);
          break;
        }
      case Interaction.CALLBACK_DEFERRED_UPDATE:
        interaction.acknowledge(type, componentMessage(interaction).id(), false);
        break;
      case Interaction.CALLBACK_UPDATE_MESSAGE:
        message =
            factory.edit(
                componentMessage(interaction), data, request.uploads(), request.receivedAt());
        messages.replace(message);
        interaction.acknowledge(type, message.id(), true);
        break;
      case Interaction.CALLBACK_AUTOCOMPLETE:
        interaction.offerChoices(choices(data));
        break;
      case Interaction.CALLBACK_MODAL:
        if (interaction.type() != Interaction.TYPE_COMMAND
            && interaction.type() != Interaction.TYPE_COMPONENT) {
          // Discord shows modals only for commands and components, not in answer to a modal
          throw ApiError.invalidFormBody(
              FormErrors.single(
                  "type",
                  "INTERACTION_RESPONSE_TYPE_INVALID",
                  "Interaction response type 9 is not valid for interaction type "
                      + interaction.type()));
        }
        interaction.showModal(ModalValidator.validate(data));
        break;
      default:
        throw ApiError.invalidFormBody(
            FormErrors.single(
                "type", "INTERACTION_RESPONSE_TYPE_INVALID", "Invalid response type " + type));
    }
    if (!"true".equals(request.query().get("with_response"))) {
      return ApiResponse.noContent();
    }
    DataObject callback =
        DataObject.empty()
            .put("id", Long.toUnsignedString(interaction.id()))
            .put("type", interaction.type());
    DataObject resource = DataObject.empty().put("type", type);
    if (message != null) {
      callback
          .put("response_message_id", Long.toUnsignedString(message.id()))
          .put("response_message_loading", message.loading())
          .put("response_message_ephemeral", message.ephemeral());
      resource.put("message", factory.json(message));
    }
    return ApiResponse.ok(
        DataObject.empty().put("interaction", callback).put("resource", resource));
  }

  private ApiResponse followUp(ApiRequest request) {
    Interaction interaction = answered(request);
    MessageDraft draft = factory.draftForCreate(request.json(), request.uploads());
    PostedMessage message;
    synchronized (interaction) {
      Optional<PostedMessage> loading =
          interaction.deferred() && !interaction.originalComplete()
              ? interaction.originalMessageId().flatMap(messages::byId)
              : Optional.empty();
      if (loading.isPresent()) {
        // the first follow-up after a deferred reply fills in the "thinking" message
        message =
            factory.edit(loading.get(), request.json(), request.uploads(), request.receivedAt());
        messages.replace(message);
        interaction.completeOriginal();
      } else {
        message =
            factory.create(
                ids.next(),
                interaction.channel(),
                MessageSource.FOLLOW_UP,
                interaction.id(),
                draft,
                draft.flags() & ~PostedMessage.LOADING,
                request.receivedAt());
        messages.add(message);
        interaction.addFollowUp(message.id());
      }
    }
    return "true".equals(request.query().get("wait"))
        ? ApiResponse.ok(factory.json(message))
        : ApiResponse.noContent();
  }

  private ApiResponse getMessage(ApiRequest request) {
    Interaction interaction = answered(request);
    return ApiResponse.ok(factory.json(ownMessage(interaction, request)));
  }

  private ApiResponse editMessage(ApiRequest request) {
    Interaction interaction = answered(request);
    synchronized (interaction) {
      PostedMessage edited =
          factory.edit(
              ownMessage(interaction, request),
              request.json(),
              request.uploads(),
              request.receivedAt());
      messages.replace(edited);
      if (interaction.originalMessageId().map(id -> id == edited.id()).orElse(false)) {
        interaction.completeOriginal();
      }
      return ApiResponse.ok(factory.json(edited));
    }
  }

  private ApiResponse deleteMessage(ApiRequest request) {
    Interaction interaction = answered(request);
    messages.delete(ownMessage(interaction, request).id());
    return ApiResponse.noContent();
  }

  /** The interaction behind an application webhook; only an answered interaction has one. */
  private Interaction answered(ApiRequest request) {
    if (request.id("webhook_id") != world.applicationId()) {
      throw ApiError.unknownWebhook();
    }
    return Optional.ofNullable(byToken.get(request.param("webhook_token")))
        .filter(Interaction::acknowledged)
        .orElseThrow(ApiError::unknownWebhook);
  }

  private PostedMessage ownMessage(Interaction interaction, ApiRequest request) {
    String raw = request.param("message_id");
    long id =
        raw.equals("@original")
            ? interaction.originalMessageId().orElseThrow(ApiError::unknownMessage)
            : request.id("message_id");
    if (!interaction.owns(id)) {
      throw ApiError.unknownMessage();
    }
    return messages.byId(id).orElseThrow(ApiError::unknownMessage);
  }

  private PostedMessage componentMessage(Interaction interaction) {
    return interaction
        .componentMessageId()
        .flatMap(messages::byId)
        .orElseThrow(
            () ->
                ApiError.invalidFormBody(
                    FormErrors.single(
                        "type",
                        "INTERACTION_RESPONSE_TYPE_INVALID",
                        "Only components can update a message")));
  }

  private static List<AutocompleteChoice> choices(DataObject data) {
    return data.optArray("choices").orElseGet(DataArray::empty).stream(DataArray::getObject)
        .map(c -> new AutocompleteChoice(c.getString("name"), c.get("value")))
        .toList();
  }
}
