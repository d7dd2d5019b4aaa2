package dev.orrery.discord;

import dev.orrery.config.Version;
import dev.orrery.feed.FetchErrors;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Asks Discord's REST API whose token this is ({@code GET users/@me}, the request JDA logs in with)
 * once, within a time limit, and sorts the answer; JDA itself would retry for its own length of
 * time and log the library's words.
 */
final class LoginProbe {
  private final OkHttpClient client;
  private final HttpUrl url;
  private final String authorization;

  /** What one attempt found. */
  sealed interface Answer {}

  /** Discord knows the token: JDA can log in now. */
  record Accepted() implements Answer {}

  /** 401: the token is wrong or was reset. */
  record TokenRefused() implements Answer {}

  /**
   * Discord could not be asked, or answered something other than yes or no.
   *
   * @param problem what happened, in our words
   * @param advice what to check
   * @param transientFailure whether asking again later may help (network, 5xx, 429)
   * @param retryAfter how long Discord asked us to wait, or zero
   */
  record Unreachable(String problem, String advice, boolean transientFailure, Duration retryAfter)
      implements Answer {}

  LoginProbe(OkHttpClient client, String apiBaseUrl, String token) {
    this.client = client;
    // as JDA does: routes are appended to the base URL
    this.url = HttpUrl.get(apiBaseUrl + "users/@me");
    this.authorization = "Bot " + token;
  }

  Answer ask(Duration timeout) {
    Request request =
        new Request.Builder()
            .url(url)
            .header("Authorization", authorization)
            .header(
                "User-Agent", "DiscordBot (" + Version.HOME_PAGE + ", " + Version.current() + ")")
            .build();
    OkHttpClient timed =
        client.newBuilder().callTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build();
    try (Response response = timed.newCall(request).execute()) {
      return sort(response);
    } catch (IOException e) {
      return new Unreachable(
          FetchErrors.describe(e, url, false, timeout),
          "check the network and discord.api-base-url",
          true,
          Duration.ZERO);
    }
  }

  private static Answer sort(Response response) {
    int code = response.code();
    if (response.isSuccessful()) {
      return new Accepted();
    }
    if (code == 401) {
      return new TokenRefused();
    }
    if (code == 429) {
      return new Unreachable(
          "Discord asked the bot to slow down (HTTP 429)",
          "wait, or check whether another process logs in with the same token",
          true,
          retryAfter(response));
    }
    if (code >= 500) {
      return new Unreachable(
          "it answered HTTP " + code + ", a server error",
          "Discord may be having an outage (https://discordstatus.com), else check"
              + " discord.api-base-url",
          true,
          Duration.ZERO);
    }
    return new Unreachable(
        "it answered HTTP " + code + " to the login",
        "check discord.api-base-url",
        false,
        Duration.ZERO);
  }

  private static Duration retryAfter(Response response) {
    String header = response.header("Retry-After");
    try {
      return header == null
          ? Duration.ZERO
          : Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
    } catch (NumberFormatException e) {
      return Duration.ZERO;
    }
  }
}
