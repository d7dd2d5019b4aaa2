package dev.orrery.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.emulator.DiscordEmulator;
import dev.orrery.emulator.RateLimitScope;
import dev.orrery.emulator.RecordedRequest;
import dev.orrery.emulator.RouteLimit;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cap as JDA's client carries it, against the emulator's global limit (50 in each fixed
 * one-second window, opened by the first request to arrive): many threads, the first ones held up
 * between their permit and the wire until the next window, as threads that wait for a CPU are.
 *
 * <p>The CPUs are not kept busy here: the emulator shares this JVM, so busy CPUs would also delay
 * its reading of requests already on the wire, which Discord's servers never see, and the test
 * would measure the emulator's lateness. The bench's delivery run with both CPUs saturated covers a
 * busy machine end to end.
 */
class GlobalRateLimitOnTheWireTest {
  private static final int REQUESTS = 120;
  private static final int SENDERS = 40;

  /**
   * The first requests wait this long between permit and wire: past the window they were let in.
   */
  private static final Duration HELD_UP = Duration.ofMillis(1_100);

  private static final int HELD_UP_REQUESTS = 10;

  private DiscordEmulator discord;

  @AfterEach
  void tearDown() {
    if (discord != null) {
      discord.close();
    }
  }

  private DiscordEmulator emulator() {
    discord =
        DiscordEmulator.builder()
            .globalLimitPerSecond(50)
            .defaultRouteLimit(new RouteLimit(100_000, Duration.ofSeconds(1)))
            .start();
    return discord;
  }

  private static OkHttpClient client(GlobalRateLimit rate, boolean holdUp) {
    OkHttpClient.Builder builder = new OkHttpClient.Builder().addInterceptor(rate);
    if (holdUp) {
      // threads that wait for a CPU after their permit, before they write, as on a busy machine
      builder.addInterceptor(
          chain -> {
            Integer index = chain.request().tag(Integer.class);
            if (index != null && index < HELD_UP_REQUESTS) {
              try {
                TimeUnit.NANOSECONDS.sleep(HELD_UP.toNanos());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return chain.proceed(chain.request());
          });
    }
    return builder.addNetworkInterceptor(rate.onTheWire()).build();
  }

  private Request usersMe(int index) {
    return new Request.Builder()
        .tag(Integer.class, index)
        .url(discord.restBaseUrl() + "users/@me")
        .header("Authorization", "Bot " + discord.token())
        .build();
  }

  @Test
  void requestsHeldUpBeforeTheWireDoNotBunchIntoOneOfDiscordsWindows() throws Exception {
    emulator();
    OkHttpClient client = client(new GlobalRateLimit(DiscordBot.REQUESTS_PER_SECOND), true);
    AtomicInteger next = new AtomicInteger();
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    Thread[] senders = new Thread[SENDERS];
    for (int t = 0; t < SENDERS; t++) {
      senders[t] =
          new Thread(
              () -> {
                for (int i = next.getAndIncrement(); i < REQUESTS; i = next.getAndIncrement()) {
                  try (Response response = client.newCall(usersMe(i)).execute()) {
                    statuses.merge(response.code(), 1, Integer::sum);
                  } catch (IOException e) {
                    statuses.merge(-1, 1, Integer::sum);
                  }
                }
              });
      senders[t].start();
    }
    for (Thread sender : senders) {
      sender.join(TimeUnit.SECONDS.toMillis(60));
    }

    assertThat(statuses).isEqualTo(Map.of(200, REQUESTS));
    assertThat(discord.stats().globalRateLimited()).isZero();
  }

  @Test
  void aGlobal429HoldsTheNextRequestForItsRetryAfter() throws Exception {
    emulator().rateLimitNextRequests(1, RateLimitScope.GLOBAL, Duration.ofSeconds(1));
    OkHttpClient client = client(new GlobalRateLimit(DiscordBot.REQUESTS_PER_SECOND), false);

    try (Response limited = client.newCall(usersMe(0)).execute()) {
      assertThat(limited.code()).isEqualTo(429);
    }
    try (Response next = client.newCall(usersMe(0)).execute()) {
      assertThat(next.code()).isEqualTo(200);
    }

    List<RecordedRequest> requests = discord.requests("GET users/@me");
    assertThat(requests).extracting(RecordedRequest::status).containsExactly(429, 200);
    assertThat(Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }
}
