package dev.orrery.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import net.dv8tion.jda.api.utils.data.DataObject;

/** Plain HTTP calls to the emulator's REST API, for checks JDA would stop on the client side. */
final class RawApi {
  private final HttpClient client = HttpClient.newHttpClient();
  private final DiscordEmulator discord;

  RawApi(DiscordEmulator discord) {
    this.discord = discord;
  }

  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return send("POST", path, json);
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send("GET", path, null);
  }

  HttpResponse<String> send(String method, String path, String json)
      throws IOException, InterruptedException {
    HttpRequest.BodyPublisher body =
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(discord.restBaseUrl() + path))
            .header("Authorization", "Bot " + discord.token())
            .header("Content-Type", "application/json")
            .method(method, body)
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static DataObject json(HttpResponse<String> response) {
    return DataObject.fromJson(response.body());
  }
}
