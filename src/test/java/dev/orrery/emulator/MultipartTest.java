package dev.orrery.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.AttachmentUpdate;
import net.dv8tion.jda.api.utils.FileUpload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MultipartTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final byte[] CSV =
      "title,link\nRelease,https://example.org\n".getBytes(StandardCharsets.UTF_8);

  private final DiscordEmulator discord =
      DiscordEmulator.builder()
          .channelMessageLimit(new RouteLimit(100, Duration.ofSeconds(1)))
          .start();
  private final RawApi raw = new RawApi(discord);
  private Guild guild;
  private Channel news;
  private Member alice;
  private JDA jda;

  @BeforeEach
  void setUp() throws InterruptedException {
    guild = discord.createGuild("Planet Python");
    news = discord.createTextChannel(guild, "news");
    alice = discord.addMember(guild, "alice");
    jda = Bots.login(discord, new FileBot());
    jda.updateCommands()
        .addCommands(
            Commands.slash("export", "Replies with a file, then follows up with another"),
            Commands.slash("chart", "Defers, then edits in a file"))
        .complete();
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    Bots.shutdown(jda);
    discord.close();
  }

  /** Answers commands with files, as Orrery's export commands would. */
  private static final class FileBot extends ListenerAdapter {
    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
      if (event.getName().equals("export")) {
        event
            .reply("your export")
            .addFiles(FileUpload.fromData(CSV, "feeds.csv"))
            .queue(
                hook ->
                    hook.sendFiles(
                            FileUpload.fromData(
                                "second".getBytes(StandardCharsets.UTF_8), "notes.txt"))
                        .queue());
      } else {
        event
            .deferReply()
            .queue(
                hook ->
                    hook.editOriginalAttachments(
                            FileUpload.fromData(new byte[] {1, 2, 3}, "chart.png"))
                        .queue());
      }
    }
  }

  @Test
  void a_channel_message_carries_its_file_which_the_emulator_serves_back() throws Exception {
    Message sent =
        jda.getTextChannelById(news.id())
            .sendMessage("today's entries")
            .addFiles(FileUpload.fromData(CSV, "entries.csv").setDescription("as CSV"))
            .complete();

    PostedMessage posted = discord.awaitMessages(news, 1, WAIT).get(0);
    Attachment file = posted.attachment("entries.csv");
    assertThat(file.bytes()).isEqualTo(CSV);
    assertThat(file.contentType()).isEqualTo("text/csv");
    assertThat(file.description()).isEqualTo("as CSV");
    assertThat(file.channelId()).isEqualTo(news.id());
    Message.Attachment seen = sent.getAttachments().get(0);
    assertThat(seen.getIdLong()).isEqualTo(file.id());
    assertThat(seen.getSize()).isEqualTo(CSV.length);
    assertThat(seen.getUrl()).startsWith("http://127.0.0.1:");
    try (InputStream in = seen.getProxy().download().get()) {
      assertThat(in.readAllBytes()).isEqualTo(CSV);
    }
    assertThat(discord.requests("POST channels/*/messages").get(0).body())
        .contains("\"content\":\"today's entries\"");
  }

  @Test
  void an_edit_keeps_the_files_it_lists_and_adds_new_ones() {
    Message sent =
        jda.getTextChannelById(news.id())
            .sendFiles(FileUpload.fromData(CSV, "keep.csv"), FileUpload.fromData(CSV, "drop.csv"))
            .complete();
    Message.Attachment keep = sent.getAttachments().get(0);

    Message edited =
        sent.editMessageAttachments(
                AttachmentUpdate.fromAttachment(keep),
                FileUpload.fromData("new".getBytes(StandardCharsets.UTF_8), "added.txt"))
            .complete();

    assertThat(edited.getAttachments())
        .extracting(Message.Attachment::getFileName)
        .containsExactly("keep.csv", "added.txt");
    assertThat(discord.messages(news).get(0).attachments())
        .extracting(Attachment::filename)
        .containsExactly("keep.csv", "added.txt");
  }

  @Test
  void interaction_replies_follow_ups_and_original_edits_take_files() {
    Interaction export = discord.interact(alice, news, "export");
    Interaction chart = discord.interact(alice, news, "chart");

    PostedMessage reply = export.awaitReply(WAIT);
    PostedMessage followUp = export.awaitFollowUps(1, WAIT).get(0);
    PostedMessage edited = chart.awaitReply(WAIT);

    assertThat(reply.content()).isEqualTo("your export");
    assertThat(reply.attachment("feeds.csv").bytes()).isEqualTo(CSV);
    assertThat(followUp.attachment("notes.txt").text()).isEqualTo("second");
    assertThat(edited.attachment("chart.png").bytes()).containsExactly(1, 2, 3);
    assertThat(edited.attachment("chart.png").contentType()).isEqualTo("image/png");
  }

  @Test
  void files_need_attach_files_where_the_server_checks_it() {
    discord.revoke(news, guild.everyone(), Permissions.ATTACH_FILES, Notify.NOBODY);

    assertThatThrownBy(
            () ->
                jda.getTextChannelById(news.id())
                    .sendFiles(FileUpload.fromData(CSV, "entries.csv"))
                    .complete())
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.MISSING_PERMISSIONS));
    assertThat(discord.messages(news)).isEmpty();
  }

  @Test
  void more_than_ten_files_or_a_file_over_10_mib_is_refused() throws Exception {
    String path = "channels/" + news.id() + "/messages";
    Map<String, byte[]> eleven = new LinkedHashMap<>();
    for (int i = 0; i < 11; i++) {
      eleven.put("f" + i + ".txt", new byte[] {'x'});
    }
    byte[] limit = new byte[RequestPayload.MAX_FILE_BYTES];

    HttpResponse<String> tooMany = raw.postFiles(path, "{}", eleven);
    HttpResponse<String> tooBig =
        raw.postFiles(path, "{\"content\":\"big\"}", Map.of("big.bin", new byte[limit.length + 1]));
    HttpResponse<String> exact =
        raw.postFiles(path, "{\"content\":\"fits\"}", Map.of("fits.bin", limit));

    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(RawApi.json(tooMany).getInt("code")).isEqualTo(50035);
    assertThat(tooBig.statusCode()).isEqualTo(413);
    assertThat(RawApi.json(tooBig).getInt("code")).isEqualTo(40005);
    assertThat(exact.statusCode()).isEqualTo(200);
    assertThat(discord.messages(news))
        .singleElement()
        .satisfies(m -> assertThat(m.attachment("fits.bin").size()).isEqualTo(limit.length));
  }

  @Test
  void a_json_body_still_works_and_a_file_alone_is_a_message() throws Exception {
    String path = "channels/" + news.id() + "/messages";

    HttpResponse<String> json = raw.post(path, "{\"content\":\"plain\"}");
    HttpResponse<String> fileOnly = raw.postFiles(path, "{}", Map.of("a.txt", new byte[] {'a'}));
    HttpResponse<String> nothing = raw.postFiles(path, "{}", Map.of());

    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(fileOnly.statusCode()).isEqualTo(200);
    assertThat(RawApi.json(fileOnly).getArray("attachments").getObject(0).getString("filename"))
        .isEqualTo("a.txt");
    assertThat(nothing.statusCode()).isEqualTo(400);
    assertThat(RawApi.json(nothing).getInt("code")).isEqualTo(50006);
  }
}
