package dev.orrery.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import net.dv8tion.jda.api.utils.data.DataObject;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okio.Buffer;

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

  /**
   * A multipart/form-data request as Discord's clients send files: {@code payload_json} and one
   * {@code files[n]} part per file, named by the map's keys.
   */
  HttpResponse<String> postFiles(String path, String payloadJson, Map<String, byte[]> files)
      throws IOException, InterruptedException {
    MultipartBody.Builder form =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart("payload_json", payloadJson);
    int index = 0;
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      form.addFormDataPart(
          "files[" + index++ + "]",
          file.getKey(),
          RequestBody.create(file.getValue(), MediaType.get("application/octet-stream")));
    }
    MultipartBody body = form.build();
    Buffer bytes = new Buffer();
    body.writeTo(bytes);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(discord.restBaseUrl() + path))
            .header("Authorization", "Bot " + discord.token())
            .header("Content-Type", body.contentType().toString())
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.readByteArray()))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static DataObject json(HttpResponse<String> response) {
    return DataObject.fromJson(response.body());
  }
}
