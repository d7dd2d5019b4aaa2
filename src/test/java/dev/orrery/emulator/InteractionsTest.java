package dev.orrery.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InteractionsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final DiscordEmulator discord = DiscordEmulator.start();
  private final BlockingQueue<SlashCommandInteractionEvent> seen = new LinkedBlockingQueue<>();
  private Guild guild;
  private Channel news;
  private Member alice;
  private JDA jda;

  @BeforeEach
  void setUp() throws InterruptedException {
    guild = discord.createGuild("Planet Python");
    news = discord.createTextChannel(guild, "news");
    alice = discord.addMember(guild, "alice");
    jda = Bots.login(discord, new TestBot());
    jda.updateCommands()
        .addCommands(
            Commands.slash("ping", "Replies ephemerally, then follows up"),
            Commands.slash("slow", "Defers, then edits"),
            Commands.slash("quiet", "Defers ephemerally, then follows up"),
            Commands.slash("subscribe", "Echoes its options")
                .addOption(OptionType.STRING, "url", "Feed address", true, true)
                .addOption(OptionType.CHANNEL, "channel", "Where")
                .addOption(OptionType.ROLE, "role", "Who to ping"))
        .complete();
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    Bots.shutdown(jda);
    discord.close();
  }

  /** The bot side: one handler per command, as Orrery's router would dispatch. */
  private final class TestBot extends ListenerAdapter {
    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
      seen.add(event);
      switch (event.getName()) {
        case "ping":
          event
              .reply("pong")
              .setEphemeral(true)
              .queue(hook -> hook.sendMessage("and a follow-up").queue());
          break;
        case "slow":
          event
              .deferReply()
              .queue(
                  hook ->
                      hook.editOriginalEmbeds(new EmbedBuilder().setTitle("done").build()).queue());
          break;
        case "quiet":
          event.deferReply(true).queue(hook -> hook.sendMessage("only you see this").queue());
          break;
        default:
          event
              .reply(
                  "url="
                      + event.getOption("url").getAsString()
                      + " channel="
                      + event.getOption("channel").getAsChannel().getName()
                      + " role="
                      + event.getOption("role").getAsRole().getName())
              .queue();
      }
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
      String typed = event.getFocusedOption().getValue();
      event
          .replyChoices(
              new Command.Choice(
                  "Planet Python (" + typed + ")", "https://planetpython.org/rss20.xml"))
          .queue();
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
      event.editMessage("page 2").queue();
    }
  }

  @Test
  void a_slash_command_reaches_the_listener_and_its_reply_and_follow_up_land()
      throws InterruptedException {
    Interaction ping = discord.interact(alice, news, "ping");

    PostedMessage reply = ping.awaitReply(WAIT);
    List<PostedMessage> followUps = ping.awaitFollowUps(1, WAIT);

    SlashCommandInteractionEvent event = seen.poll(10, TimeUnit.SECONDS);
    assertThat(event.getUser().getIdLong()).isEqualTo(alice.id());
    assertThat(event.getChannel().getIdLong()).isEqualTo(news.id());
    assertThat(ping.callbackType()).hasValue(Interaction.CALLBACK_MESSAGE);
    assertThat(reply.content()).isEqualTo("pong");
    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.source()).isEqualTo(MessageSource.INTERACTION_REPLY);
    assertThat(followUps)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.content()).isEqualTo("and a follow-up");
              assertThat(m.ephemeral()).isFalse();
              assertThat(m.source()).isEqualTo(MessageSource.FOLLOW_UP);
            });
    // interaction replies are not channel posts
    assertThat(discord.messages(news)).isEmpty();
  }

  @Test
  void a_deferred_reply_lands_once_the_bot_edits_it() {
    Interaction slow = discord.interact(alice, news, "slow");

    PostedMessage reply = slow.awaitReply(WAIT);

    assertThat(slow.deferred()).isTrue();
    assertThat(reply.loading()).isFalse();
    assertThat(reply.embed().title()).isEqualTo("done");
    assertThat(reply.editedAt()).isNotNull();
    // a request is recorded once answered, a moment after the reply it carried was stored
    assertThat(discord.awaitRequests("PATCH webhooks/*/*/messages/*", 1, WAIT)).hasSize(1);
  }

  @Test
  void the_first_follow_up_after_an_ephemeral_defer_becomes_the_reply() {
    Interaction quiet = discord.interact(alice, news, "quiet");

    PostedMessage reply = quiet.awaitReply(WAIT);

    assertThat(reply.content()).isEqualTo("only you see this");
    assertThat(reply.ephemeral()).isTrue();
    assertThat(quiet.followUps()).isEmpty();
  }

  @Test
  void channel_and_role_options_arrive_resolved() {
    Role readers = discord.createRole(guild, "readers", Permissions.NONE);

    Interaction subscribe =
        discord.interact(
            alice,
            news,
            "subscribe",
            CommandOption.string("url", "https://planetpython.org/rss20.xml"),
            CommandOption.channel("channel", news),
            CommandOption.role("role", readers));

    assertThat(subscribe.awaitReply(WAIT).content())
        .isEqualTo("url=https://planetpython.org/rss20.xml channel=news role=readers");
  }

  @Test
  void autocomplete_choices_are_recorded() {
    Interaction typing =
        discord.autocomplete(alice, news, "subscribe", CommandOption.focused("url", "plan"));

    assertThat(typing.awaitChoices(WAIT))
        .containsExactly(
            new AutocompleteChoice("Planet Python (plan)", "https://planetpython.org/rss20.xml"));
  }

  @Test
  void a_button_click_updates_the_message_it_is_on() {
    Message page =
        jda.getTextChannelById(news.id())
            .sendMessage("page 1")
            .addComponents(ActionRow.of(Button.primary("next", "Next")))
            .complete();
    PostedMessage posted = discord.awaitMessages(news, 1, WAIT).get(0);
    assertThat(posted.components().toString()).contains("\"custom_id\":\"next\"");

    Interaction click = discord.clickButton(alice, posted, "next");

    assertThat(click.awaitReply(WAIT).content()).isEqualTo("page 2");
    assertThat(click.callbackType()).hasValue(Interaction.CALLBACK_UPDATE_MESSAGE);
    assertThat(discord.messages(news))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.id()).isEqualTo(page.getIdLong());
              assertThat(m.content()).isEqualTo("page 2");
            });
  }

  @Test
  void a_second_acknowledgement_and_an_unknown_interaction_are_refused() throws Exception {
    Interaction ping = discord.interact(alice, news, "ping");
    ping.awaitFollowUps(1, WAIT);
    RawApi raw = new RawApi(discord);

    HttpResponse<String> again =
        raw.post(
            "interactions/" + ping.id() + "/" + ping.token() + "/callback",
            "{\"type\":4,\"data\":{\"content\":\"again\"}}");
    HttpResponse<String> unknown =
        raw.post("interactions/1234/nope/callback", "{\"type\":4,\"data\":{\"content\":\"x\"}}");

    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(RawApi.json(again).getInt("code")).isEqualTo(40060);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(RawApi.json(unknown).getInt("code")).isEqualTo(10062);
  }
}
