package dev.orrery.emulator;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a user does that reaches the bot as INTERACTION_CREATE: typing a slash command (with its
 * options and files), autocomplete, clicking a button, submitting a modal the bot showed.
 */
final class InteractionScripts {
  private final World world;
  private final Snowflakes ids;
  private final MessageStore messages;
  private final CommandRegistry commands;
  private final InteractionRoutes routes;
  private final InteractionPayloads payloads;
  private final MessageFactory factory;
  private final Dispatcher gateway;

  InteractionScripts(
      World world,
      Snowflakes ids,
      MessageStore messages,
      CommandRegistry commands,
      InteractionRoutes routes,
      InteractionPayloads payloads,
      MessageFactory factory,
      Dispatcher gateway) {
    this.world = world;
    this.ids = ids;
    this.messages = messages;
    this.commands = commands;
    this.routes = routes;
    this.payloads = payloads;
    this.factory = factory;
    this.gateway = gateway;
  }

  Interaction command(
      int type, Member member, Channel channel, String name, CommandOption... options) {
    requireMessageChannel(channel);
    RegisteredCommand command =
        commands
            .find(channel.guild().id(), name)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no slash command /"
                            + name
                            + " registered; global: "
                            + names(commands.global())
                            + ", guild: "
                            + names(commands.commands(channel.guild().id()))));
    Interaction interaction = newInteraction(type, name, member, channel, null);
    gateway.dispatch(
        "INTERACTION_CREATE", payloads.command(interaction, command, List.of(options)));
    return interaction;
  }

  Interaction clickButton(Member member, PostedMessage message, String customId) {
    Channel channel = channelOf(message);
    Interaction interaction =
        newInteraction(Interaction.TYPE_COMPONENT, customId, member, channel, message.id());
    gateway.dispatch(
        "INTERACTION_CREATE", payloads.buttonClick(interaction, message, factory.json(message)));
    return interaction;
  }

  /**
   * The user who saw the modal submits it with these text input values (the rest keep their
   * pre-filled value, or stay empty).
   */
  Interaction submitModal(Interaction shownOn, Map<String, String> values) {
    ShownModal modal =
        shownOn
            .modal()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the bot showed no modal for "
                            + shownOn
                            + "; wait for it with awaitModal first"));
    Map<String, String> submitted = modal.submission(values);
    Long messageId = shownOn.componentMessageId().orElse(null);
    Interaction submit =
        newInteraction(
            Interaction.TYPE_MODAL_SUBMIT,
            modal.customId(),
            shownOn.member(),
            shownOn.channel(),
            messageId);
    PostedMessage message = messageId == null ? null : messages.byId(messageId).orElse(null);
    gateway.dispatch(
        "INTERACTION_CREATE",
        payloads.modalSubmit(
            submit, modal, submitted, message, message == null ? null : factory.json(message)));
    return submit;
  }

  private Interaction newInteraction(
      int type, String name, Member member, Channel channel, Long componentMessageId) {
    // the id must encode the current time: JDA refuses follow-ups for an interaction it thinks
    // expired
    long id = ids.next();
    String token = "emulated-" + UUID.randomUUID();
    Interaction interaction =
        new Interaction(
            id,
            token,
            type,
            name,
            member,
            channel,
            Snowflakes.timeOf(id),
            messages,
            componentMessageId);
    routes.track(interaction);
    return interaction;
  }

  private Channel channelOf(PostedMessage message) {
    return world
        .channel(message.channelId())
        .orElseThrow(() -> new IllegalStateException("the channel of " + message + " is gone"));
  }

  private static void requireMessageChannel(Channel channel) {
    if (!channel.type().acceptsMessages()) {
      throw new IllegalArgumentException(
          "commands are typed in message channels, not in " + channel);
    }
  }

  private static List<String> names(List<RegisteredCommand> registered) {
    return registered.stream().map(RegisteredCommand::name).toList();
  }
}
