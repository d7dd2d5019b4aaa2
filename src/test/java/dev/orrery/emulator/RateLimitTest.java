package dev.orrery.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private DiscordEmulator discord;
  private JDA jda;

  @AfterEach
  void tearDown() throws InterruptedException {
    Bots.shutdown(jda);
    if (discord != null) {
      discord.close();
    }
  }

  private TextChannel loginWithChannel(DiscordEmulator emulator) throws InterruptedException {
    discord = emulator;
    Guild guild = discord.createGuild("Planet");
    Channel news = discord.createTextChannel(guild, "news");
    jda = Bots.login(discord);
    return jda.getTextChannelById(news.id());
  }

  @Test
  void jda_obeys_an_injected_429_and_retries_once_it_may() throws InterruptedException {
    TextChannel news = loginWithChannel(DiscordEmulator.start());
    discord.rateLimitNextRequests(
        1, RateLimitScope.USER, Duration.ofSeconds(1), "POST channels/*/messages");

    Message sent = news.sendMessage("after the wait").setNonce("n1").complete();

    List<RecordedRequest> posts = discord.requests("POST channels/*/messages");
    assertThat(posts).extracting(RecordedRequest::status).containsExactly(429, 200);
    assertThat(discord.messages(channelOf(news)))
        .singleElement()
        .extracting(PostedMessage::id)
        .isEqualTo(sent.getIdLong());
    assertThat(discord.stats().userRateLimited()).isEqualTo(1);
    assertThat(discord.stats().invalidRequests()).isEqualTo(1);
    // JDA waited out Retry-After (whole seconds) before trying again
    assertThat(Duration.between(posts.get(0).receivedAt(), posts.get(1).receivedAt()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  void a_shared_429_is_not_an_invalid_request() throws InterruptedException {
    TextChannel news = loginWithChannel(DiscordEmulator.start());
    discord.rateLimitNextRequests(
        1, RateLimitScope.SHARED, Duration.ofSeconds(1), "POST channels/*/messages");

    news.sendMessage("shared").complete();

    assertThat(discord.stats().sharedRateLimited()).isEqualTo(1);
    assertThat(discord.stats().invalidRequests()).isZero();
  }

  @Test
  void the_channel_limit_makes_jda_wait_instead_of_fail() throws InterruptedException {
    TextChannel news = loginWithChannel(DiscordEmulator.start());

    List<CompletableFuture<Message>> sends = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      sends.add(news.sendMessage("entry " + i).submit());
    }
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();

    List<PostedMessage> posted = discord.awaitMessages(channelOf(news), 8, WAIT);
    assertThat(posted)
        .extracting(PostedMessage::content)
        .containsExactly(
            "entry 1", "entry 2", "entry 3", "entry 4", "entry 5", "entry 6", "entry 7", "entry 8");
    assertThat(discord.stats().rateLimited()).isZero();
    // the sixth could only be accepted in the bucket's next window
    Instant first = posted.get(0).arrivedAt();
    assertThat(Duration.between(first, posted.get(5).arrivedAt()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(4900));
  }

  @Test
  void jda_retries_a_502_and_the_message_lands_once() throws InterruptedException {
    TextChannel news = loginWithChannel(DiscordEmulator.start());
    discord.failNextRequests(2, 502, "POST channels/*/messages");

    news.sendMessage("eventually").complete();

    assertThat(discord.requests("POST channels/*/messages"))
        .extracting(RecordedRequest::status)
        .containsExactly(502, 502, 200);
    assertThat(discord.messages(channelOf(news))).hasSize(1);
  }

  @Test
  void responses_carry_discords_rate_limit_headers() throws Exception {
    loginWithChannel(DiscordEmulator.start());
    Channel news = discord.guilds().get(0).channel("news");
    RawApi raw = new RawApi(discord);
    String path = "channels/" + news.id() + "/messages";

    HttpResponse<String> first = raw.post(path, "{\"content\":\"1\"}");
    for (int i = 2; i <= 5; i++) {
      raw.post(path, "{\"content\":\"" + i + "\"}");
    }
    HttpResponse<String> sixth = raw.post(path, "{\"content\":\"6\"}");

    assertThat(first.headers().firstValue("X-RateLimit-Limit")).hasValue("5");
    assertThat(first.headers().firstValue("X-RateLimit-Remaining")).hasValue("4");
    assertThat(first.headers().firstValue("X-RateLimit-Bucket")).isPresent();
    assertThat(first.headers().firstValue("X-RateLimit-Reset-After").orElseThrow())
        .matches("\\d+\\.\\d{3}");
    assertThat(sixth.statusCode()).isEqualTo(429);
    assertThat(sixth.headers().firstValue("Retry-After").orElseThrow()).matches("[1-5]");
    assertThat(sixth.headers().firstValue("X-RateLimit-Scope")).hasValue("user");
    assertThat(sixth.headers().firstValue("Via")).hasValue("1.1 google");
    assertThat(RawApi.json(sixth).getDouble("retry_after")).isPositive();
    assertThat(discord.messages(news)).hasSize(5);
  }

  @Test
  void the_global_limit_answers_429_global_but_spares_interaction_callbacks() throws Exception {
    // a frozen clock keeps every request in one window however slow the machine is
    ManualClock frozen = new ManualClock(Instant.now());
    discord = DiscordEmulator.builder().clock(frozen).globalLimitPerSecond(3).start();
    Guild guild = discord.createGuild("Planet");
    Channel news = discord.createTextChannel(guild, "news");
    RawApi raw = new RawApi(discord);
    raw.send(
        "PUT",
        "applications/" + discord.applicationId() + "/commands",
        "[{\"name\":\"ping\",\"description\":\"p\"}]");
    Interaction ping = discord.interact(discord.addMember(guild, "alice"), news, "ping");
    raw.get("users/@me");
    raw.get("users/@me");

    HttpResponse<String> overLimit = raw.get("users/@me");
    HttpResponse<String> callback =
        raw.post(
            "interactions/" + ping.id() + "/" + ping.token() + "/callback",
            "{\"type\":4,\"data\":{\"content\":\"pong\"}}");

    assertThat(overLimit.statusCode()).isEqualTo(429);
    assertThat(overLimit.headers().firstValue("X-RateLimit-Global")).hasValue("true");
    assertThat(overLimit.headers().firstValue("X-RateLimit-Scope")).hasValue("global");
    assertThat(RawApi.json(overLimit).getBoolean("global")).isTrue();
    assertThat(callback.statusCode()).isEqualTo(204);
    assertThat(ping.awaitReply(WAIT).content()).isEqualTo("pong");
    assertThat(discord.stats().globalRateLimited()).isEqualTo(1);
  }

  private Channel channelOf(TextChannel jdaChannel) {
    return discord.guilds().get(0).channel(jdaChannel.getIdLong()).orElseThrow();
  }
}
