package dev.orrery.emulator;

import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * Builds INTERACTION_CREATE payloads: slash commands, autocomplete, button clicks and modal
 * submissions, as a guild member sends them.
 */
final class InteractionPayloads {
  private final World world;
  private final AttachmentHost files;

  InteractionPayloads(World world, AttachmentHost files) {
    this.world = world;
    this.files = files;
  }

  DataObject command(
      Interaction interaction, RegisteredCommand command, List<CommandOption> options) {
    DataObject resolved = DataObject.empty();
    DataObject data =
        DataObject.empty()
            .put("id", Long.toUnsignedString(command.id()))
            .put("name", command.name())
            .put("type", 1)
            .put("options", options(options, resolved, interaction));
    if (command.guildId() != 0) {
      data.put("guild_id", Long.toUnsignedString(command.guildId()));
    }
    if (!resolved.keys().isEmpty()) {
      data.put("resolved", resolved);
    }
    return base(interaction).put("data", data);
  }

  DataObject buttonClick(Interaction interaction, PostedMessage message, DataObject messageJson) {
    DataObject data =
        DataObject.empty().put("custom_id", interaction.name()).put("component_type", 2);
    return base(interaction).put("data", data).put("message", messageField(message, messageJson));
  }

  /**
   * A modal submission: the modal's components as Discord sends them back, each text input with the
   * value the user entered, and the message whose component opened the modal, if one did.
   */
  DataObject modalSubmit(
      Interaction interaction,
      ShownModal modal,
      Map<String, String> values,
      PostedMessage message,
      DataObject messageJson) {
    DataArray components = DataArray.empty();
    for (DataObject shown : modal.components().stream(DataArray::getObject).toList()) {
      components.add(submitted(shown, values));
    }
    DataObject data =
        DataObject.empty().put("custom_id", modal.customId()).put("components", components);
    DataObject payload = base(interaction).put("data", data);
    if (message != null) {
      payload.put("message", messageField(message, messageJson));
    }
    return payload;
  }

  /** One top-level component of a submission: its id and type, and what the user entered. */
  private static DataObject submitted(DataObject shown, Map<String, String> values) {
    int type = shown.getInt("type");
    DataObject json = DataObject.empty().put("type", type).put("id", shown.getInt("id"));
    if (type == ModalValidator.LABEL) {
      json.put("component", input(shown.getObject("component"), values));
    } else if (type == ModalValidator.ACTION_ROW) {
      DataObject row = shown.getArray("components").getObject(0);
      json.put("components", DataArray.empty().add(input(row, values)));
    }
    return json;
  }

  private static DataObject input(DataObject shown, Map<String, String> values) {
    if (shown.getInt("type") != ModalValidator.TEXT_INPUT) {
      throw new IllegalStateException(
          "submitModal fills in text inputs only, not component type " + shown.getInt("type"));
    }
    String customId = shown.getString("custom_id");
    return DataObject.empty()
        .put("type", ModalValidator.TEXT_INPUT)
        .put("id", shown.getInt("id"))
        .put("custom_id", customId)
        .put("value", values.get(customId));
  }

  private static DataObject messageField(PostedMessage message, DataObject messageJson) {
    // Discord sends only id and flags of an ephemeral message
    return message.ephemeral()
        ? DataObject.empty()
            .put("id", Long.toUnsignedString(message.id()))
            .put("flags", message.flags())
        : messageJson;
  }

  private DataObject base(Interaction interaction) {
    Member member = interaction.member();
    Channel channel = interaction.channel();
    String guildId = Long.toUnsignedString(channel.guild().id());
    DataObject memberJson =
        EntityJson.member(member)
            .put("permissions", Long.toString(PermissionCalculator.inChannel(member, channel)));
    long appPermissions = PermissionCalculator.inChannel(world.botMember(channel.guild()), channel);
    return DataObject.empty()
        .put("id", Long.toUnsignedString(interaction.id()))
        .put("application_id", Long.toUnsignedString(world.applicationId()))
        .put("type", interaction.type())
        .put("token", interaction.token())
        .put("version", 1)
        .put("guild_id", guildId)
        .put("channel_id", Long.toUnsignedString(channel.id()))
        .put(
            "guild",
            DataObject.empty()
                .put("id", guildId)
                .put("locale", "en-US")
                .put("features", DataArray.empty()))
        .put("channel", EntityJson.channel(channel))
        .put("member", memberJson)
        .put("app_permissions", Long.toString(appPermissions))
        .put("locale", "en-US")
        .put("guild_locale", "en-US")
        .put("context", 0)
        .put("authorizing_integration_owners", DataObject.empty().put("0", guildId))
        .put("entitlements", DataArray.empty());
  }

  private DataArray options(
      List<CommandOption> options, DataObject resolved, Interaction interaction) {
    DataArray array = DataArray.empty();
    for (CommandOption option : options) {
      DataObject json = DataObject.empty().put("name", option.name()).put("type", option.type());
      if (option.type() == CommandOption.SUB_COMMAND
          || option.type() == CommandOption.SUB_COMMAND_GROUP) {
        json.put("options", options(option.options(), resolved, interaction));
      } else {
        json.put("value", value(option, resolved, interaction));
      }
      if (option.focused()) {
        json.put("focused", true);
      }
      array.add(json);
    }
    return array;
  }

  /** The option's wire value; entity options also go into {@code resolved}, as Discord does. */
  private Object value(CommandOption option, DataObject resolved, Interaction interaction) {
    Channel invokedIn = interaction.channel();
    Object value = option.value();
    if (value instanceof Upload) {
      // the user uploaded the file with the command: Discord stores it and resolves it by id
      Upload upload = (Upload) value;
      Attachment attachment = files.store(invokedIn.id(), upload, upload.filename(), null);
      interaction.addAttachment(attachment);
      String id = Long.toUnsignedString(attachment.id());
      section(resolved, "attachments").put(id, files.json(attachment).put("ephemeral", true));
      return id;
    }
    if (value instanceof Channel) {
      Channel target = (Channel) value;
      long appPermissions = PermissionCalculator.inChannel(world.botMember(target.guild()), target);
      section(resolved, "channels")
          .put(
              Long.toUnsignedString(target.id()),
              EntityJson.channel(target).put("permissions", Long.toString(appPermissions)));
      return Long.toUnsignedString(target.id());
    }
    if (value instanceof Role) {
      Role role = (Role) value;
      section(resolved, "roles").put(Long.toUnsignedString(role.id()), EntityJson.role(role));
      return Long.toUnsignedString(role.id());
    }
    if (value instanceof Member) {
      Member member = (Member) value;
      String id = Long.toUnsignedString(member.id());
      section(resolved, "users").put(id, EntityJson.user(member.user()));
      DataObject memberJson =
          EntityJson.member(member)
              .put("permissions", Long.toString(PermissionCalculator.inChannel(member, invokedIn)));
      memberJson.remove("user");
      section(resolved, "members").put(id, memberJson);
      return id;
    }
    return value;
  }

  private static DataObject section(DataObject resolved, String name) {
    if (!resolved.hasKey(name)) {
      resolved.put(name, DataObject.empty());
    }
    return resolved.getObject(name);
  }
}
