package dev.orrery.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ForumChannel;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.forums.ForumPost;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessagesTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  // rate limits have their own test; here a generous channel bucket keeps error checks independent
  private final DiscordEmulator discord =
      DiscordEmulator.builder()
          .channelMessageLimit(new RouteLimit(100, Duration.ofSeconds(1)))
          .start();
  private final RawApi raw = new RawApi(discord);
  private Guild guild;
  private Channel news;
  private JDA jda;

  @BeforeEach
  void setUp() throws InterruptedException {
    guild = discord.createGuild("Planet Python");
    news = discord.createTextChannel(guild, "news");
    jda = Bots.login(discord);
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    Bots.shutdown(jda);
    discord.close();
  }

  private TextChannel jdaChannel(Channel channel) {
    return jda.getTextChannelById(channel.id());
  }

  @Test
  void a_message_lands_with_its_embed_nonce_and_allowed_mentions() {
    Role subscribers = discord.createRole(guild, "subscribers", Permissions.NONE);
    String content = "New on Planet Python " + subscribers.asMention() + " @everyone";

    Message sent =
        jdaChannel(news)
            .sendMessage(content)
            .setEmbeds(
                new EmbedBuilder()
                    .setTitle("Release 3.14", "https://example.org/314")
                    .setDescription("Pi-thon is out")
                    .addField("Author", "Guido", true)
                    .build())
            .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
            .mentionRoles(subscribers.id())
            .setNonce("delivery-1")
            .complete();

    PostedMessage posted = discord.awaitMessages(news, 1, WAIT).get(0);
    assertThat(posted.id()).isEqualTo(sent.getIdLong());
    assertThat(posted.content()).isEqualTo(content);
    assertThat(posted.embed().title()).isEqualTo("Release 3.14");
    assertThat(posted.embed().url()).isEqualTo("https://example.org/314");
    assertThat(posted.embed().fields())
        .containsExactly(new PostedEmbed.Field("Author", "Guido", true));
    assertThat(posted.nonce()).isEqualTo("delivery-1");
    assertThat(posted.allowedMentions().present()).isTrue();
    assertThat(posted.allowedMentions().parse()).isEmpty();
    assertThat(posted.allowedMentions().roles()).containsExactly(subscribers.id());
    assertThat(posted.pings())
        .isEqualTo(new Pings(false, java.util.Set.of(subscribers.id()), java.util.Set.of()));
    assertThat(posted.arrivedAt()).isNotNull();
    assertThat(sent.getEmbeds())
        .singleElement()
        .satisfies(e -> assertThat(e.getTitle()).isEqualTo("Release 3.14"));
    RecordedRequest request = discord.requests("POST channels/*/messages").get(0);
    assertThat(DataObject.fromJson(request.body()).getBoolean("enforce_nonce")).isTrue();
    assertThat(request.headers()).containsEntry("Authorization", "Bot " + discord.token());
  }

  @Test
  void jda_default_allowed_mentions_would_ping_everyone() {
    jdaChannel(news).sendMessage("hello @everyone").complete();

    PostedMessage posted = discord.awaitMessages(news, 1, WAIT).get(0);
    assertThat(posted.pings().everyone()).isTrue();
  }

  @Test
  void a_repeated_nonce_returns_the_first_message_and_creates_none() {
    Message first = jdaChannel(news).sendMessage("entry 42").setNonce("d42").complete();
    Message second = jdaChannel(news).sendMessage("entry 42 again").setNonce("d42").complete();

    assertThat(second.getIdLong()).isEqualTo(first.getIdLong());
    assertThat(second.getContentRaw()).isEqualTo("entry 42");
    assertThat(discord.messages(news)).hasSize(1);
    assertThat(discord.stats().nonceRepeats()).isEqualTo(1);
  }

  @Test
  void the_same_nonce_in_another_channel_is_a_new_message() {
    Channel other = discord.createTextChannel(guild, "other");
    awaitJda(
        () -> jda.getTextChannelById(other.id()) != null); // JDA learns of it from CHANNEL_CREATE
    jdaChannel(news).sendMessage("one").setNonce("same").complete();

    jdaChannel(other).sendMessage("two").setNonce("same").complete();

    assertThat(discord.messages(news)).hasSize(1);
    assertThat(discord.messages(other)).hasSize(1);
  }

  @Test
  void jda_refuses_on_its_own_when_its_cache_knows_the_permission_is_gone() {
    discord.revoke(news, discord.botMember(guild), Permissions.SEND_MESSAGES);
    awaitJda(
        () ->
            !jda.getGuildById(guild.id())
                .getSelfMember()
                .hasPermission(jdaChannel(news), net.dv8tion.jda.api.Permission.MESSAGE_SEND));

    assertThatThrownBy(() -> jdaChannel(news).sendMessage("hi").complete())
        .isInstanceOf(InsufficientPermissionException.class);
    assertThat(discord.requests("POST channels/*/messages")).isEmpty();
  }

  @Test
  void the_server_enforces_send_permission_even_when_jda_does_not_know() {
    discord.revoke(news, discord.botMember(guild), Permissions.SEND_MESSAGES, Notify.NOBODY);

    assertThatThrownBy(() -> jdaChannel(news).sendMessage("hi").complete())
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.MISSING_PERMISSIONS));
    assertThat(discord.messages(news)).isEmpty();
    assertThat(discord.stats().invalidRequests()).isEqualTo(1);
  }

  @Test
  void the_server_answers_missing_access_for_a_channel_the_bot_cannot_see() {
    discord.revoke(news, guild.everyone(), Permissions.VIEW_CHANNEL, Notify.NOBODY);

    assertThatThrownBy(() -> jdaChannel(news).sendMessage("hi").complete())
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.MISSING_ACCESS));
  }

  @Test
  void the_server_refuses_embeds_without_embed_links() {
    discord.revoke(news, guild.everyone(), Permissions.EMBED_LINKS, Notify.NOBODY);

    assertThatThrownBy(
            () ->
                jdaChannel(news)
                    .sendMessageEmbeds(new EmbedBuilder().setTitle("t").build())
                    .complete())
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.MISSING_PERMISSIONS));
  }

  @Test
  void raw_requests_get_discords_error_json() throws Exception {
    discord.revoke(news, discord.botMember(guild), Permissions.SEND_MESSAGES);

    HttpResponse<String> refused =
        raw.post("channels/" + news.id() + "/messages", "{\"content\":\"hi\"}");
    HttpResponse<String> unknown = raw.post("channels/123456789/messages", "{\"content\":\"hi\"}");
    HttpResponse<String> malformed = raw.post("channels/" + news.id() + "/messages", "{not json");

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(RawApi.json(refused).toMap())
        .containsEntry("code", 50013)
        .containsEntry("message", "Missing Permissions");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(RawApi.json(unknown).getInt("code")).isEqualTo(10003);
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(RawApi.json(malformed).getInt("code")).isEqualTo(50109);
  }

  @Test
  void a_deleted_channel_is_unknown_and_jda_forgets_it() {
    Channel doomed = discord.createTextChannel(guild, "doomed");
    awaitJda(() -> jda.getTextChannelById(doomed.id()) != null);
    TextChannel stale = jda.getTextChannelById(doomed.id());

    discord.deleteChannel(doomed, Notify.NOBODY);
    assertThatThrownBy(() -> stale.sendMessage("hi").complete())
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_CHANNEL));

    discord.deleteChannel(news);
    awaitJda(() -> jda.getTextChannelById(news.id()) == null);
  }

  @Test
  void size_limits_answer_invalid_form_body() throws Exception {
    String path = "channels/" + news.id() + "/messages";
    String longTitle = "t".repeat(257);
    String bigDescription = "d".repeat(4000);

    HttpResponse<String> content =
        raw.post(path, DataObject.empty().put("content", "x".repeat(2001)).toString());
    HttpResponse<String> title = raw.post(path, "{\"embeds\":[{\"title\":\"" + longTitle + "\"}]}");
    HttpResponse<String> total =
        raw.post(
            path,
            "{\"embeds\":[{\"description\":\""
                + bigDescription
                + "\"},{\"description\":\""
                + bigDescription
                + "\"}]}");
    HttpResponse<String> tooMany =
        raw.post(path, "{\"embeds\":[" + "{\"title\":\"t\"},".repeat(10) + "{\"title\":\"t\"}]}");
    HttpResponse<String> empty = raw.post(path, "{\"content\":\"\"}");
    HttpResponse<String> exact =
        raw.post(path, DataObject.empty().put("content", "x".repeat(2000)).toString());

    assertThat(List.of(content, title, total, tooMany))
        .allSatisfy(
            r -> {
              assertThat(r.statusCode()).isEqualTo(400);
              assertThat(RawApi.json(r).getInt("code")).isEqualTo(50035);
            });
    assertThat(
            RawApi.json(content)
                .getObject("errors")
                .getObject("content")
                .getArray("_errors")
                .getObject(0)
                .getString("code"))
        .isEqualTo("BASE_TYPE_MAX_LENGTH");
    assertThat(
            RawApi.json(title)
                .getObject("errors")
                .getObject("embeds")
                .getObject("0")
                .hasKey("title"))
        .isTrue();
    assertThat(
            RawApi.json(total)
                .getObject("errors")
                .getObject("embeds")
                .getArray("_errors")
                .getObject(0)
                .getString("code"))
        .isEqualTo("MAX_EMBED_SIZE_EXCEEDED");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(RawApi.json(empty).getInt("code")).isEqualTo(50006);
    assertThat(exact.statusCode()).isEqualTo(200);
    assertThat(discord.messages(news)).hasSize(1);
  }

  @Test
  void a_forum_post_creates_a_thread_with_its_starter_message() {
    Channel feeds = discord.createForumChannel(guild, "feeds");
    awaitJda(() -> jda.getForumChannelById(feeds.id()) != null);
    ForumChannel forum = jda.getForumChannelById(feeds.id());

    ForumPost post =
        forum
            .createForumPost("Release 3.14", MessageCreateData.fromContent("Pi-thon is out"))
            .complete();

    PostedMessage starter = discord.awaitMessages(feeds, 1, WAIT).get(0);
    assertThat(starter.source()).isEqualTo(MessageSource.FORUM_POST);
    assertThat(starter.content()).isEqualTo("Pi-thon is out");
    assertThat(starter.channelId()).isEqualTo(post.getThreadChannel().getIdLong());
    assertThat(post.getMessage().getIdLong()).isEqualTo(starter.id());
    Channel thread = guild.channel(post.getThreadChannel().getIdLong()).orElseThrow();
    assertThat(thread.name()).isEqualTo("Release 3.14");
    assertThat(thread.parent()).contains(feeds);
    assertThat(discord.messages(thread)).containsExactly(starter);
  }

  @Test
  void a_message_in_a_thread_needs_send_in_threads() {
    Channel thread = discord.createThread(news, "talk");
    awaitJda(() -> threadLinked(thread));
    discord.revoke(news, guild.everyone(), Permissions.SEND_MESSAGES, Notify.NOBODY);

    jda.getThreadChannelById(thread.id()).sendMessage("still fine in threads").complete();
    discord.revoke(news, guild.everyone(), Permissions.SEND_MESSAGES_IN_THREADS, Notify.NOBODY);

    assertThat(discord.messages(thread)).hasSize(1);
    assertThatThrownBy(() -> jda.getThreadChannelById(thread.id()).sendMessage("no").complete())
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.MISSING_PERMISSIONS));
  }

  /** JDA caches a new thread a moment before it links the parent, so wait for the link. */
  private boolean threadLinked(Channel thread) {
    try {
      ThreadChannel seen = jda.getThreadChannelById(thread.id());
      return seen != null && seen.getParentChannel().getIdLong() == news.id();
    } catch (NullPointerException parentNotYetLinked) {
      return false;
    }
  }

  private static void awaitJda(java.util.function.BooleanSupplier condition) {
    Awaits.until(condition, WAIT, "JDA's cache to follow the dispatch");
  }
}
