package dev.orrery.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttachmentsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String OPML =
      "<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><body/></opml>\n";

  private final DiscordEmulator discord = DiscordEmulator.start();
  private Channel news;
  private Member alice;
  private JDA jda;

  @BeforeEach
  void setUp() throws InterruptedException {
    Guild guild = discord.createGuild("Planet Python");
    news = discord.createTextChannel(guild, "news");
    alice = discord.addMember(guild, "alice");
    jda = Bots.login(discord, new ImportBot());
    jda.updateCommands()
        .addCommands(
            Commands.slash("import", "Reads an OPML file")
                .addOption(OptionType.ATTACHMENT, "file", "The OPML file", true)
                .addOption(OptionType.STRING, "note", "Anything"))
        .complete();
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    Bots.shutdown(jda);
    discord.close();
  }

  /** Downloads the attached file as Orrery's import command would, and describes it. */
  private static final class ImportBot extends ListenerAdapter {
    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
      Message.Attachment file = event.getOption("file").getAsAttachment();
      try (InputStream in = file.getProxy().download().get()) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        event
            .reply(
                file.getFileName()
                    + " "
                    + file.getContentType()
                    + " "
                    + file.getSize()
                    + " bytes, "
                    + (text.equals(OPML) ? "same text" : "other text: " + text)
                    + ", note="
                    + event.getOption("note").getAsString())
            .queue();
      } catch (Exception e) {
        event.reply("failed: " + e).queue();
      }
    }
  }

  @Test
  void the_bot_downloads_a_file_attached_to_a_slash_command() {
    byte[] bytes = OPML.getBytes(StandardCharsets.UTF_8);

    Interaction imported =
        discord.interact(
            alice,
            news,
            "import",
            CommandOption.attachment("file", "feeds.opml", "text/x-opml", bytes),
            CommandOption.string("note", "mine"));

    assertThat(imported.awaitReply(WAIT).content())
        .isEqualTo("feeds.opml text/x-opml " + bytes.length + " bytes, same text, note=mine");
    Attachment stored = imported.attachments().get(0);
    assertThat(stored.filename()).isEqualTo("feeds.opml");
    assertThat(stored.bytes()).isEqualTo(bytes);
    assertThat(discord.attachment(stored.id())).contains(stored);
  }

  @Test
  void the_file_is_served_at_its_url_without_a_token_and_other_paths_are_not_found()
      throws Exception {
    Interaction imported =
        discord.interact(
            alice,
            news,
            "import",
            CommandOption.attachment("file", "my feeds.xml", null, new byte[] {'<', '/', '>'}),
            CommandOption.string("note", "x"));
    imported.awaitReply(WAIT);
    Attachment stored = imported.attachments().get(0);
    String base = discord.restBaseUrl().replace("/api/v10/", "");
    String path = "/cdn/attachments/" + news.id() + "/" + stored.id() + "/my%20feeds.xml";
    HttpClient client = HttpClient.newHttpClient();

    HttpResponse<byte[]> served =
        client.send(
            HttpRequest.newBuilder(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> proxied =
        client.send(
            HttpRequest.newBuilder(URI.create(base + path.replace("/cdn/", "/cdn/proxy/"))).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> wrongName =
        client.send(
            HttpRequest.newBuilder(URI.create(base + path.replace("my%20feeds", "other"))).build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.body()).containsExactly('<', '/', '>');
    // no type given: guessed from the name, as Discord sniffs it
    assertThat(served.headers().firstValue("Content-Type")).contains("application/xml");
    assertThat(proxied.body()).containsExactly('<', '/', '>');
    assertThat(wrongName.statusCode()).isEqualTo(404);
  }
}
