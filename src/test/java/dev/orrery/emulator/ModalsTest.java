package dev.orrery.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModalsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final DiscordEmulator discord = DiscordEmulator.start();
  private final RawApi raw = new RawApi(discord);
  private Channel news;
  private Member alice;
  private JDA jda;

  @BeforeEach
  void setUp() throws InterruptedException {
    Guild guild = discord.createGuild("Planet Python");
    news = discord.createTextChannel(guild, "news");
    alice = discord.addMember(guild, "alice");
    jda = Bots.login(discord, new ModalBot());
    jda.updateCommands()
        .addCommands(
            Commands.slash("add", "Asks for a feed in a modal"),
            Commands.slash("silent", "Left for the test to answer"))
        .complete();
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    Bots.shutdown(jda);
    discord.close();
  }

  private static Modal addFeedModal() {
    return Modal.create("add-feed", "Add a feed")
        .addComponents(
            Label.of(
                "Feed address",
                TextInput.create("url", TextInputStyle.SHORT)
                    .setRequiredRange(10, 200)
                    .setPlaceholder("https://...")
                    .build()),
            Label.of(
                "Note",
                TextInput.create("note", TextInputStyle.PARAGRAPH)
                    .setRequired(false)
                    .setValue("from the modal")
                    .build()))
        .build();
  }

  /** Shows modals from a command and a button, and answers their submissions. */
  private static final class ModalBot extends ListenerAdapter {
    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
      if (event.getName().equals("add")) {
        event.replyModal(addFeedModal()).queue();
      }
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
      event.replyModal(addFeedModal()).queue();
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
      String answer =
          "added "
              + event.getValue("url").getAsString()
              + " ("
              + event.getValue("note").getAsString()
              + ")";
      if (event.getMessage() != null) {
        event.editMessage(answer).setComponents().queue();
      } else {
        event.reply(answer).queue(hook -> hook.sendMessage("anything else?").queue());
      }
    }
  }

  @Test
  void a_modal_from_a_command_is_recorded_and_its_submission_reaches_the_bot() {
    Interaction add = discord.interact(alice, news, "add");

    ShownModal modal = add.awaitModal(WAIT);
    Interaction submit =
        discord.submitModal(add, Map.of("url", "https://planetpython.org/rss20.xml"));

    assertThat(add.callbackType()).hasValue(Interaction.CALLBACK_MODAL);
    assertThat(modal.customId()).isEqualTo("add-feed");
    assertThat(modal.title()).isEqualTo("Add a feed");
    assertThat(modal.field("url").orElseThrow())
        .isEqualTo(new ModalField("url", "Feed address", 1, 10, 200, true, null, "https://..."));
    assertThat(modal.field("note").orElseThrow().value()).isEqualTo("from the modal");
    assertThat(submit.type()).isEqualTo(Interaction.TYPE_MODAL_SUBMIT);
    assertThat(submit.name()).isEqualTo("add-feed");
    assertThat(submit.awaitReply(WAIT).content())
        .isEqualTo("added https://planetpython.org/rss20.xml (from the modal)");
    assertThat(submit.awaitFollowUps(1, WAIT).get(0).content()).isEqualTo("anything else?");
  }

  @Test
  void a_modal_from_a_button_can_update_the_message_the_button_is_on() {
    jda.getTextChannelById(news.id())
        .sendMessage("no feeds yet")
        .addComponents(ActionRow.of(Button.primary("add", "Add")))
        .complete();
    PostedMessage page = discord.awaitMessages(news, 1, WAIT).get(0);
    Interaction click = discord.clickButton(alice, page, "add");
    click.awaitModal(WAIT);

    Interaction submit =
        discord.submitModal(
            click, Map.of("url", "https://blog.rust-lang.org/feed.xml", "note", "rust"));

    assertThat(submit.awaitReply(WAIT).content())
        .isEqualTo("added https://blog.rust-lang.org/feed.xml (rust)");
    assertThat(submit.callbackType()).hasValue(Interaction.CALLBACK_UPDATE_MESSAGE);
    assertThat(discord.messages(news))
        .singleElement()
        .extracting(PostedMessage::id)
        .isEqualTo(page.id());
  }

  @Test
  void the_helper_refuses_what_the_user_could_not_submit() {
    Interaction add = discord.interact(alice, news, "add");
    add.awaitModal(WAIT);

    assertThatThrownBy(() -> discord.submitModal(add, Map.of("url", "short")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("url")
        .hasMessageContaining("at least 10");
    assertThatThrownBy(() -> discord.submitModal(add, Map.of("url", "h".repeat(201))))
        .hasMessageContaining("at most 200");
    assertThatThrownBy(() -> discord.submitModal(add, Map.of("note", "no url")))
        .hasMessageContaining("url")
        .hasMessageContaining("required");
    assertThatThrownBy(
            () -> discord.submitModal(add, Map.of("url", "https://x.org/feed", "tags", "a")))
        .hasMessageContaining("no text input tags");
    Interaction silent = discord.interact(alice, news, "silent");
    assertThatThrownBy(() -> discord.submitModal(silent, Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("showed no modal");
  }

  @Test
  void a_modal_is_refused_once_answered_and_in_answer_to_a_submission() throws Exception {
    Interaction add = discord.interact(alice, news, "add");
    add.awaitModal(WAIT);
    Interaction submit = discord.submitModal(add, Map.of("url", "https://x.org/feed"));
    submit.awaitReply(WAIT);

    HttpResponse<String> again = modalCallback(add, validModal());
    HttpResponse<String> answered = modalCallback(submit, validModal());

    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(RawApi.json(again).getInt("code")).isEqualTo(40060);
    assertThat(answered.statusCode()).isEqualTo(400);
  }

  @Test
  void a_modal_breaking_discords_limits_is_refused_field_by_field() throws Exception {
    Interaction silent = discord.interact(alice, news, "silent");
    DataObject modal = validModal().put("title", "t".repeat(46)).put("custom_id", "c".repeat(101));
    DataObject input = modal.getArray("components").getObject(0).getObject("component");
    input.put("value", "v".repeat(4001)).put("custom_id", "i".repeat(101));
    modal.getArray("components").getObject(0).put("label", "l".repeat(46));

    HttpResponse<String> refused = modalCallback(silent, modal);
    HttpResponse<String> sixComponents = modalCallback(silent, withComponents(6));

    assertThat(refused.statusCode()).isEqualTo(400);
    DataObject errors = RawApi.json(refused).getObject("errors").getObject("data");
    assertThat(errors.keys()).contains("title", "custom_id", "components");
    DataObject first = errors.getObject("components").getObject("0");
    assertThat(first.keys()).contains("label", "component");
    assertThat(first.getObject("component").keys()).contains("value", "custom_id");
    assertThat(sixComponents.statusCode()).isEqualTo(400);
    assertThat(RawApi.json(sixComponents).getInt("code")).isEqualTo(50035);
    assertThat(silent.modal()).isEmpty();
  }

  @Test
  void a_legacy_action_row_modal_is_accepted_with_the_text_inputs_own_label() throws Exception {
    Interaction silent = discord.interact(alice, news, "silent");
    DataObject input =
        DataObject.empty()
            .put("type", 4)
            .put("custom_id", "url")
            .put("style", 1)
            .put("label", "Feed address");
    DataObject modal =
        DataObject.empty()
            .put("custom_id", "legacy")
            .put("title", "Old style")
            .put(
                "components",
                DataArray.empty()
                    .add(
                        DataObject.empty()
                            .put("type", 1)
                            .put("components", DataArray.empty().add(input))));

    HttpResponse<String> accepted = modalCallback(silent, modal);

    assertThat(accepted.statusCode()).isEqualTo(204);
    assertThat(silent.modal().orElseThrow().field("url").orElseThrow().label())
        .isEqualTo("Feed address");
    assertThat(silent.modal().orElseThrow().components().getObject(0).getInt("id")).isEqualTo(1);
  }

  private HttpResponse<String> modalCallback(Interaction interaction, DataObject modal)
      throws Exception {
    return raw.post(
        "interactions/" + interaction.id() + "/" + interaction.token() + "/callback",
        DataObject.empty().put("type", 9).put("data", modal).toString());
  }

  private static DataObject validModal() {
    return withComponents(1);
  }

  private static DataObject withComponents(int count) {
    DataArray components = DataArray.empty();
    for (int i = 0; i < count; i++) {
      components.add(
          DataObject.empty()
              .put("type", 18)
              .put("label", "Field " + i)
              .put(
                  "component",
                  DataObject.empty().put("type", 4).put("custom_id", "f" + i).put("style", 1)));
    }
    return DataObject.empty()
        .put("custom_id", "raw")
        .put("title", "Raw modal")
        .put("components", components);
  }
}
