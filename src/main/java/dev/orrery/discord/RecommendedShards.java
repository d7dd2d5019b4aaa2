package dev.orrery.discord;

import dev.orrery.config.Config;
import dev.orrery.config.Version;
import dev.orrery.discord.DiscordStartException.Kind;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.exceptions.ParsingException;
import net.dv8tion.jda.api.utils.data.DataObject;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The shard count Discord recommends ({@code GET gateway/bot}), for {@code discord.shards=auto} on
 * a cluster: its nodes must know the count before any of them logs in, to lease the shards.
 */
final class RecommendedShards {
  private RecommendedShards() {}

  /**
   * @throws DiscordStartException when Discord does not tell
   */
  static int ask(Config.Discord discord) {
    Request request =
        new Request.Builder()
            .url(discord.apiBaseUrl() + "gateway/bot")
            .header("Authorization", "Bot " + discord.token().reveal())
            .header(
                "User-Agent", "DiscordBot (" + Version.HOME_PAGE + ", " + Version.current() + ")")
            .build();
    OkHttpClient client =
        new OkHttpClient.Builder()
            .callTimeout(discord.startTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .build();
    try (Response response = client.newCall(request).execute()) {
      if (response.code() == 401) {
        throw new DiscordStartException(
            Kind.TOKEN_REFUSED,
            "Discord refused the token (401 Unauthorized): check discord.token");
      }
      if (response.isSuccessful() && response.body() != null) {
        int shards = DataObject.fromJson(response.body().string()).getInt("shards", 0);
        if (shards > 0) {
          return shards;
        }
      }
      throw unknown("it answered HTTP " + response.code());
    } catch (IOException | ParsingException e) {
      throw unknown(e.getMessage());
    } finally {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  private static DiscordStartException unknown(String why) {
    return new DiscordStartException(
        Kind.UNREACHABLE,
        "could not ask Discord how many shards to open ("
            + why
            + "): check discord.api-base-url, or set discord.shards to a number, the same on"
            + " every node");
  }
}
