package dev.orrery.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.IncomingWebhookClient;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.WebhookClient;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhooksTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final DiscordEmulator discord = DiscordEmulator.start();
  private final RawApi raw = new RawApi(discord);
  private Guild guild;
  private Channel news;
  private JDA jda;

  @BeforeEach
  void setUp() throws InterruptedException {
    guild = discord.createGuild("Planet Python");
    news = discord.createTextChannel(guild, "news");
    jda = Bots.login(discord);
    discord.assignRole(
        discord.botMember(guild),
        discord.createRole(guild, "webhooks", Permissions.MANAGE_WEBHOOKS));
    Awaits.until(
        () ->
            jda.getGuildById(guild.id())
                .getSelfMember()
                .hasPermission(net.dv8tion.jda.api.Permission.MANAGE_WEBHOOKS),
        WAIT,
        "JDA to see the webhooks role");
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    Bots.shutdown(jda);
    discord.close();
  }

  private TextChannel jdaNews() {
    return jda.getTextChannelById(news.id());
  }

  private IncomingWebhookClient clientFor(Channel channel, String name) {
    net.dv8tion.jda.api.entities.Webhook created =
        jda.getChannelById(
                net.dv8tion.jda.api.entities.channel.attribute.IWebhookContainer.class,
                channel.id())
            .createWebhook(name)
            .complete();
    return WebhookClient.createClient(jda, created.getUrl());
  }

  @Test
  void the_bot_creates_a_webhook_and_posts_as_a_feed_with_its_name_and_avatar() {
    IncomingWebhookClient client = clientFor(news, "Orrery feeds");

    Message sent =
        client
            .sendMessage("Release 3.14")
            .setUsername("Planet Python")
            .setAvatarUrl("https://planetpython.org/logo.png")
            .addEmbeds(new EmbedBuilder().setTitle("Pi-thon").build())
            .complete();

    Webhook webhook = discord.webhooks().in(news).get(0);
    assertThat(webhook.name()).isEqualTo("Orrery feeds");
    assertThat(webhook.applicationId()).isEqualTo(discord.applicationId());
    assertThat(webhook.creator()).isEqualTo(discord.bot());
    assertThat(sent.isWebhookMessage()).isTrue();
    assertThat(sent.getAuthor().getIdLong()).isEqualTo(webhook.id());
    assertThat(sent.getAuthor().getName()).isEqualTo("Planet Python");
    assertThat(sent.getApplicationIdLong()).isEqualTo(discord.applicationId());
    PostedMessage posted = discord.webhooks().awaitMessages(news, 1, WAIT).get(0);
    assertThat(posted.webhook())
        .satisfies(
            a -> {
              assertThat(a.webhookId()).isEqualTo(webhook.id());
              assertThat(a.username()).isEqualTo("Planet Python");
              assertThat(a.avatarUrl()).isEqualTo("https://planetpython.org/logo.png");
            });
    assertThat(posted.embed().title()).isEqualTo("Pi-thon");
    assertThat(posted.nonce()).isNull();
    assertThat(discord.messages(news)).containsExactly(posted);
  }

  @Test
  void creation_checks_name_permission_and_the_limit_of_15() throws Exception {
    String path = "channels/" + news.id() + "/webhooks";

    HttpResponse<String> reserved = raw.post(path, "{\"name\":\"My Discord feed\"}");
    HttpResponse<String> clyde = raw.post(path, "{\"name\":\"CLYDE\"}");
    HttpResponse<String> tooLong = raw.post(path, "{\"name\":\"" + "n".repeat(81) + "\"}");
    HttpResponse<String> badAvatar = raw.post(path, "{\"name\":\"a\",\"avatar\":\"not an image\"}");
    for (int i = 0; i < 15; i++) {
      assertThat(raw.post(path, "{\"name\":\"feed " + i + "\"}").statusCode()).isEqualTo(200);
    }
    HttpResponse<String> sixteenth = raw.post(path, "{\"name\":\"one more\"}");
    Channel other = discord.createTextChannel(guild, "other");
    discord.revoke(other, guild.everyone(), Permissions.MANAGE_WEBHOOKS, Notify.NOBODY);
    discord.revoke(other, discord.botMember(guild), Permissions.MANAGE_WEBHOOKS, Notify.NOBODY);
    HttpResponse<String> forbidden =
        raw.post("channels/" + other.id() + "/webhooks", "{\"name\":\"feeds\"}");

    assertThat(List.of(reserved, clyde, tooLong, badAvatar))
        .allSatisfy(
            r -> {
              assertThat(r.statusCode()).isEqualTo(400);
              assertThat(RawApi.json(r).getInt("code")).isEqualTo(50035);
            });
    assertThat(RawApi.json(reserved).getObject("errors").hasKey("name")).isTrue();
    assertThat(sixteenth.statusCode()).isEqualTo(400);
    assertThat(RawApi.json(sixteenth).getInt("code")).isEqualTo(30007);
    assertThat(RawApi.json(sixteenth).getString("message"))
        .isEqualTo("Maximum number of webhooks reached (15)");
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(RawApi.json(forbidden).getInt("code")).isEqualTo(50013);
    assertThat(discord.webhooks().in(news)).hasSize(15);
    assertThat(jdaNews().retrieveWebhooks().complete()).hasSize(15);
    assertThat(jda.getGuildById(guild.id()).retrieveWebhooks().complete()).hasSize(15);
  }

  @Test
  void a_deleted_webhook_or_a_wrong_token_is_unknown() throws Exception {
    IncomingWebhookClient client = clientFor(news, "Orrery feeds");
    Webhook webhook = discord.webhooks().in(news).get(0);
    HttpResponse<String> wrongToken = raw.get("webhooks/" + webhook.id() + "/nope");
    HttpResponse<String> byToken = raw.get("webhooks/" + webhook.id() + "/" + webhook.token());

    discord.webhooks().delete(webhook);

    assertThat(wrongToken.statusCode()).isEqualTo(404);
    assertThat(RawApi.json(wrongToken).getInt("code")).isEqualTo(10015);
    assertThat(RawApi.json(byToken).getString("name")).isEqualTo("Orrery feeds");
    assertThat(RawApi.json(byToken).hasKey("user")).isFalse();
    assertThatThrownBy(() -> client.sendMessage("lost").complete())
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_WEBHOOK));
    assertThatThrownBy(() -> jda.retrieveWebhookById(webhook.id()).complete())
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_WEBHOOK));
    assertThat(discord.webhooks().in(news)).isEmpty();
    assertThat(discord.messages(news)).isEmpty();
  }

  @Test
  void the_bot_can_fetch_and_delete_its_webhook() {
    clientFor(news, "Orrery feeds");
    Webhook webhook = discord.webhooks().in(news).get(0);

    net.dv8tion.jda.api.entities.Webhook fetched = jda.retrieveWebhookById(webhook.id()).complete();
    fetched.delete().complete();

    assertThat(fetched.getName()).isEqualTo("Orrery feeds");
    assertThat(fetched.getToken()).isEqualTo(webhook.token());
    assertThat(webhook.deleted()).isTrue();
    assertThat(jdaNews().retrieveWebhooks().complete()).isEmpty();
  }

  @Test
  void forum_webhooks_start_posts_with_a_thread_name_and_threads_take_thread_id() throws Exception {
    Channel feeds = discord.createForumChannel(guild, "feeds");
    Awaits.until(() -> jda.getForumChannelById(feeds.id()) != null, WAIT, "the forum in JDA");
    IncomingWebhookClient forumClient = clientFor(feeds, "Orrery feeds");
    Webhook forumHook = discord.webhooks().in(feeds).get(0);
    IncomingWebhookClient newsClient = clientFor(news, "Orrery news");
    Webhook newsHook = discord.webhooks().in(news).get(0);
    Channel talk = discord.createThread(news, "talk");

    Message post =
        forumClient.sendMessage("Pi-thon is out").createThread("Release 3.14").complete();
    HttpResponse<String> noThread = execute(forumHook, "", "{\"content\":\"x\"}");
    HttpResponse<String> nameOutsideForum =
        execute(newsHook, "", "{\"content\":\"x\",\"thread_name\":\"t\"}");
    HttpResponse<String> inThread =
        execute(newsHook, "?wait=true&thread_id=" + talk.id(), "{\"content\":\"in the thread\"}");
    HttpResponse<String> foreignThread =
        execute(newsHook, "?thread_id=" + post.getChannelIdLong(), "{\"content\":\"x\"}");

    Channel thread = guild.channel(post.getChannelIdLong()).orElseThrow();
    assertThat(thread.name()).isEqualTo("Release 3.14");
    assertThat(thread.parent()).contains(feeds);
    assertThat(post.getIdLong()).isEqualTo(thread.id());
    assertThat(discord.webhooks().messages(feeds))
        .singleElement()
        .satisfies(m -> assertThat(m.content()).isEqualTo("Pi-thon is out"));
    assertThat(discord.awaitMessages(feeds, 1, WAIT)).hasSize(1);
    assertThat(noThread.statusCode()).isEqualTo(400);
    assertThat(RawApi.json(noThread).getInt("code")).isEqualTo(220001);
    assertThat(nameOutsideForum.statusCode()).isEqualTo(400);
    assertThat(RawApi.json(nameOutsideForum).getInt("code")).isEqualTo(220003);
    assertThat(inThread.statusCode()).isEqualTo(200);
    assertThat(RawApi.json(inThread).getString("channel_id"))
        .isEqualTo(Long.toUnsignedString(talk.id()));
    assertThat(foreignThread.statusCode()).isEqualTo(400);
    assertThat(discord.messages(talk))
        .singleElement()
        .satisfies(m -> assertThat(m.webhook().webhookId()).isEqualTo(newsHook.id()));
    newsClient.sendMessage("in the channel").complete();
    assertThat(discord.webhooks().messages(news)).hasSize(1);
  }

  @Test
  void wait_false_answers_204_and_the_message_can_be_fetched_by_the_webhook() throws Exception {
    clientFor(news, "Orrery feeds");
    Webhook webhook = discord.webhooks().in(news).get(0);
    Webhook other = discord.webhooks().createAsOwner(news, "other");
    Channel talk = discord.createThread(news, "talk");

    HttpResponse<String> noWait = execute(webhook, "", "{\"content\":\"quiet\"}");
    PostedMessage stored = discord.webhooks().awaitMessages(news, 1, WAIT).get(0);
    HttpResponse<String> fetched = raw.get(tokenPath(webhook) + "/messages/" + stored.id());
    HttpResponse<String> notTheirs = raw.get(tokenPath(other) + "/messages/" + stored.id());
    execute(webhook, "?thread_id=" + talk.id(), "{\"content\":\"threaded\"}");
    PostedMessage threaded = discord.messages(talk).get(0);
    HttpResponse<String> withoutThreadId =
        raw.get(tokenPath(webhook) + "/messages/" + threaded.id());
    HttpResponse<String> withThreadId =
        raw.get(tokenPath(webhook) + "/messages/" + threaded.id() + "?thread_id=" + talk.id());

    assertThat(noWait.statusCode()).isEqualTo(204);
    assertThat(RawApi.json(fetched).getString("content")).isEqualTo("quiet");
    assertThat(RawApi.json(fetched).getString("webhook_id"))
        .isEqualTo(Long.toUnsignedString(webhook.id()));
    assertThat(notTheirs.statusCode()).isEqualTo(404);
    assertThat(RawApi.json(notTheirs).getInt("code")).isEqualTo(10008);
    assertThat(withoutThreadId.statusCode()).isEqualTo(404);
    assertThat(withThreadId.statusCode()).isEqualTo(200);
  }

  @Test
  void webhook_messages_obey_message_limits_and_carry_files() throws Exception {
    IncomingWebhookClient client = clientFor(news, "Orrery feeds");
    Webhook webhook = discord.webhooks().in(news).get(0);

    HttpResponse<String> tooLong =
        execute(webhook, "", DataObject.empty().put("content", "x".repeat(2001)).toString());
    HttpResponse<String> badName =
        execute(webhook, "", "{\"content\":\"x\",\"username\":\"discord news\"}");
    HttpResponse<String> empty = execute(webhook, "", "{\"content\":\"\"}");
    client
        .sendMessage("@everyone new release")
        .addFiles(FileUpload.fromData(new byte[] {42}, "entry.json"))
        .complete();

    assertThat(List.of(tooLong, badName))
        .allSatisfy(r -> assertThat(RawApi.json(r).getInt("code")).isEqualTo(50035));
    assertThat(RawApi.json(empty).getInt("code")).isEqualTo(50006);
    PostedMessage posted = discord.webhooks().messages(news).get(0);
    assertThat(posted.attachment("entry.json").bytes()).containsExactly(42);
    // webhooks may ping @everyone whatever the bot's own permissions
    assertThat(posted.pings().everyone()).isTrue();
  }

  @Test
  void a_lost_answer_leaves_the_message_posted_and_a_failure_posts_nothing() {
    // what crash tests check exactly-once delivery against
    IncomingWebhookClient client = clientFor(news, "Orrery feeds");
    Webhook webhook = discord.webhooks().in(news).get(0);

    discord.webhooks().failNextExecutions(webhook, 1, 500);
    assertThatThrownBy(() -> client.sendMessage("refused").complete())
        .isInstanceOf(ErrorResponseException.class);
    discord.webhooks().loseNextAnswers(webhook, 1, 500);
    assertThatThrownBy(() -> client.sendMessage("posted, answer lost").complete())
        .isInstanceOf(ErrorResponseException.class);
    discord.webhooks().loseNextAnswers(webhook, 1, 502);
    client.sendMessage("retried").complete(); // JDA retries a 502 by itself: no nonce saves it

    assertThat(discord.webhooks().messages(news))
        .extracting(PostedMessage::content)
        .containsExactly("posted, answer lost", "retried", "retried");
    assertThat(discord.requests("POST webhooks/*/*"))
        .extracting(RecordedRequest::status)
        .containsExactly(500, 500, 502, 200);
  }

  private HttpResponse<String> execute(Webhook webhook, String query, String json)
      throws Exception {
    return raw.post(tokenPath(webhook) + query, json);
  }

  private static String tokenPath(Webhook webhook) {
    return "webhooks/" + webhook.id() + "/" + webhook.token();
  }
}
