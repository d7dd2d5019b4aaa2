package dev.orrery.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.WebhookClient;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.utils.data.DataArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET channels/{id}/messages}: paging, permissions, and what the bot may read. */
class MessageHistoryTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final DiscordEmulator discord = DiscordEmulator.start();
  private final RawApi raw = new RawApi(discord);
  private Guild guild;
  private Channel news;
  private JDA jda;

  @BeforeEach
  void setUp() throws InterruptedException {
    guild =
        discord.createGuild(
            "Planet Python", Permissions.DEFAULT_EVERYONE | Permissions.MANAGE_WEBHOOKS);
    news = discord.createTextChannel(guild, "news");
    jda = Bots.login(discord);
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    Bots.shutdown(jda);
    discord.close();
  }

  private TextChannel jdaNews() {
    return jda.getTextChannelById(news.id());
  }

  @Test
  void history_shows_webhook_messages_without_their_content_which_the_webhook_reads_whole()
      throws Exception {
    WebhookClient<Message> ourWebhook =
        WebhookClient.createClient(
            jda, jdaNews().createWebhook("Orrery feeds").complete().getUrl());
    Message ours = ourWebhook.sendMessage("ours").complete();
    jdaNews().sendMessage("the bot itself").complete();
    Webhook someoneElses = discord.webhooks().createAsOwner(news, "GitHub");
    raw.post(
        "webhooks/" + someoneElses.id() + "/" + someoneElses.token(),
        "{\"content\":\"theirs\",\"username\":\"ci\"}");

    List<Message> history = jdaNews().getHistory().retrievePast(10).complete();

    assertThat(history)
        .extracting(Message::getContentRaw)
        .containsExactly("", "the bot itself", "");
    assertThat(history.get(0).isWebhookMessage()).isTrue();
    assertThat(history.get(0).getAuthor().getName()).isEqualTo("ci");
    assertThat(history.get(2).isWebhookMessage()).isTrue();
    // without the message content intent even the bot's own webhook's text is withheld
    // (discord-api-docs#5411); read through the webhook's token, the message is whole
    assertThat(ourWebhook.retrieveMessageById(ours.getId()).complete().getContentRaw())
        .isEqualTo("ours");
    assertThat(discord.webhooks().messages(news))
        .extracting(m -> m.webhook().username())
        .containsExactly("Orrery feeds", "ci");
  }

  @Test
  void history_pages_by_before_after_and_limit_and_needs_read_message_history() throws Exception {
    for (int i = 1; i <= 5; i++) {
      raw.post("channels/" + news.id() + "/messages", "{\"content\":\"m" + i + "\"}");
    }
    List<PostedMessage> all = discord.messages(news);
    String path = "channels/" + news.id() + "/messages";

    DataArray latest = DataArray.fromJson(raw.get(path + "?limit=2").body());
    DataArray before =
        DataArray.fromJson(raw.get(path + "?limit=2&before=" + all.get(2).id()).body());
    DataArray after =
        DataArray.fromJson(raw.get(path + "?limit=2&after=" + all.get(0).id()).body());
    HttpResponse<String> badLimit = raw.get(path + "?limit=101");
    discord.revoke(news, guild.everyone(), Permissions.READ_MESSAGE_HISTORY, Notify.NOBODY);
    HttpResponse<String> forbidden = raw.get(path);

    assertThat(contents(latest)).containsExactly("m5", "m4");
    assertThat(contents(before)).containsExactly("m2", "m1");
    assertThat(contents(after)).containsExactly("m3", "m2");
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(RawApi.json(forbidden).getInt("code")).isEqualTo(50013);
  }

  private static List<String> contents(DataArray messages) {
    return messages.stream(DataArray::getObject).map(m -> m.getString("content")).toList();
  }

  @Test
  void with_the_message_content_intent_the_bot_reads_every_message() throws Exception {
    try (DiscordEmulator reading = DiscordEmulator.builder().messageContentIntent(true).start()) {
      Channel channel = reading.createTextChannel(reading.createGuild("Planet Rust"), "news");
      Webhook github = reading.webhooks().createAsOwner(channel, "GitHub");
      RawApi api = new RawApi(reading);
      api.post("webhooks/" + github.id() + "/" + github.token(), "{\"content\":\"theirs\"}");

      DataArray history =
          DataArray.fromJson(api.get("channels/" + channel.id() + "/messages").body());

      assertThat(contents(history)).containsExactly("theirs");
    }
  }
}
