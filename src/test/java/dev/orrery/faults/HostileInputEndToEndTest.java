package dev.orrery.faults;

import static dev.orrery.faults.HostileBot.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orrery.emulator.Channel;
import dev.orrery.emulator.CommandOption;
import dev.orrery.emulator.Interaction;
import dev.orrery.emulator.PostedEmbed;
import dev.orrery.emulator.PostedMessage;
import dev.orrery.faults.FaultyFeedServer.Kind;
import dev.orrery.feed.FetcherSettings;
import dev.orrery.feed.RefusedAddressException;
import dev.orrery.testing.Await;
import dev.orrery.testing.FeedServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import okhttp3.Dns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, item 4 (and the /subscriptions side of item 3), as a person meets it in Discord: hostile
 * URLs, command options and feed text go through the real bot into the emulator. Nobody is pinged,
 * nothing leaves its embed, nothing inside the network is reached, and every refusal reads well.
 */
@Timeout(120)
class HostileInputEndToEndTest {
  /** What Discord would render as a ping: @everyone, @here, or a user or role mention. */
  static final Pattern RAW_MENTION = Pattern.compile("@everyone|@here|<@[!&]?\\d+>");

  /** Markdown that formats, or starts a masked link, when not escaped with a backslash. */
  static final Pattern UNESCAPED_MARKDOWN = Pattern.compile("(?<!\\\\)[*_~|`\\[]");

  /** Characters that reorder the text around them (bidi embeddings, overrides and isolates). */
  static final Pattern BIDI_CONTROL = Pattern.compile("[\\u202A-\\u202E\\u2066-\\u2069]");

  /** A clickable masked link made of the literal markdown the hostile feed text carries. */
  static final Pattern MASKED_LINK_FROM_TEXT =
      Pattern.compile("(?<!\\\\)\\[[^\\]\\n]*\\]\\(<?http://evil\\.example/(steal|phish)?>?\\)");

  static final String REFUSED = "⚠️ Could not subscribe to that source: ";
  static final String CHECK = ". Check the URL, or pick one from /sources.";

  @TempDir Path dir;
  final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  <T extends AutoCloseable> T closeLater(T closeable) {
    closing.add(closeable);
    return closeable;
  }

  @Test
  void urlsInsideThePrivateNetworkOrNotHttpAreRefusedReadablyAndNothingIsSaved() {
    FeedServer server = closeLater(new FeedServer());
    server.serve("/feed", utf8(rss("Local", item("1", "Hello", "<p>hi</p>"))));
    int port = server.url("/").getPort();
    HostileBot bot = closeLater(new HostileBot(dir, "http.allow-private-addresses=false")).start();

    String loopback =
        "refused: 127.0.0.1 is a loopback address" + RefusedAddressException.HOW_TO_ALLOW;
    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put(server.url("/feed").toString(), loopback);
    refusals.put("HTTP://127.0.0.1:" + port + "/feed", loopback);
    refusals.put("http://localhost:" + port + "/feed", "is a loopback address");
    refusals.put(
        "http://127.1:" + port + "/feed", "'http://127.1:" + port + "/feed' has no host name");
    refusals.put("http://2130706433:" + port + "/feed", loopback);
    refusals.put("http://feeds.example.org@127.0.0.1:" + port + "/feed", loopback);
    refusals.put(
        "http://[::1]:" + port + "/feed",
        "refused: ::1 is a loopback address" + RefusedAddressException.HOW_TO_ALLOW);
    refusals.put("http://[::ffff:127.0.0.1]:" + port + "/feed", loopback);
    refusals.put(
        "http://0.0.0.0:" + port + "/feed",
        "refused: 0.0.0.0 is an unspecified address" + RefusedAddressException.HOW_TO_ALLOW);
    refusals.put(
        "http://10.1.2.3/feed",
        "refused: 10.1.2.3 is a private address" + RefusedAddressException.HOW_TO_ALLOW);
    refusals.put(
        "http://192.168.0.1/rss",
        "refused: 192.168.0.1 is a private address" + RefusedAddressException.HOW_TO_ALLOW);
    refusals.put(
        "http://172.16.5.4/atom.xml",
        "refused: 172.16.5.4 is a private address" + RefusedAddressException.HOW_TO_ALLOW);
    refusals.put(
        "http://169.254.169.254/latest/meta-data/",
        "refused: 169.254.169.254 is a link-local address" + RefusedAddressException.HOW_TO_ALLOW);
    refusals.put(
        "http://[::ffff:169.254.169.254]/latest/meta-data/",
        "refused: 169.254.169.254 is a link-local address" + RefusedAddressException.HOW_TO_ALLOW);
    refusals.put(
        "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
        "refused: 169.254.169.254 is a link-local address" + RefusedAddressException.HOW_TO_ALLOW);
    refusals.put(
        "http://[fd00::1]/feed",
        "refused: fd00::1 is a private address" + RefusedAddressException.HOW_TO_ALLOW);
    refusals.put(
        "http://[fe80::1]/feed",
        "refused: fe80::1 is a link-local address" + RefusedAddressException.HOW_TO_ALLOW);
    refusals.put("file:///etc/passwd", "file: URLs are not fetched: use an http or https feed URL");
    refusals.put(
        "ftp://127.0.0.1:" + port + "/feed",
        "ftp: URLs are not fetched: use an http or https feed URL");
    refusals.put(
        "jar:file:///tmp/x.jar!/feed.xml",
        "jar: URLs are not fetched: use an http or https feed URL");
    refusals.put(
        "data:application/rss+xml;base64,PHJzcy8+",
        "data: URLs are not fetched: use an http or https feed URL");
    refusals.put(
        "gopher://127.0.0.1:" + port + "/",
        "gopher: URLs are not fetched: use an http or https feed URL");
    String longUrl = "http://127.0.0.1:" + port + "/feed?" + "a".repeat(3000);
    refusals.put(
        longUrl,
        "that URL is " + longUrl.length() + " characters long; feed URLs are at most 2048");

    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      PostedMessage reply = bot.subscribe(refusal.getKey());
      assertThat(reply.ephemeral()).as(refusal.getKey()).isTrue();
      assertThat(reply.content())
          .as(refusal.getKey())
          .startsWith(REFUSED)
          .endsWith(CHECK)
          .contains(refusal.getValue());
      assertQuiet(reply);
    }
    assertThat(server.requests()).as("requests that reached the loopback server").isEmpty();
    assertThat(bot.rows("subscriptions")).isZero();
    assertThat(bot.rows("entries")).isZero();
    assertThat(bot.rows("feeds")).as("feed rows left by %d refusals", refusals.size()).isZero();
    assertThat(bot.command(bot.reader, "subscriptions").content()).contains("no subscriptions yet");
  }

  @Test
  void redirectsIntoThePrivateNetworkAreRefusedReadablyAndNothingInsideIsReached()
      throws IOException {
    FeedServer outside = closeLater(new FeedServer());
    ConnectionCounter inside = closeLater(new ConnectionCounter("127.0.0.2"));
    String to = ":" + inside.port() + "/secret";
    Map<String, String> redirects = new LinkedHashMap<>();
    redirects.put(
        "http://127.0.0.2" + to,
        "refused: 127.0.0.2 is a loopback address" + RefusedAddressException.HOW_TO_ALLOW);
    redirects.put(
        "http://[::ffff:127.0.0.2]" + to,
        "refused: 127.0.0.2 is a loopback address" + RefusedAddressException.HOW_TO_ALLOW);
    redirects.put(
        "http://inside.test" + to,
        "refused: 127.0.0.2 is a loopback address" + RefusedAddressException.HOW_TO_ALLOW);
    redirects.put(
        "http://169.254.169.254/latest/meta-data/",
        "refused: 169.254.169.254 is a link-local address" + RefusedAddressException.HOW_TO_ALLOW);
    redirects.put(
        "file:///etc/passwd", "refused: redirect to a file: URL, only http and https are allowed");
    int n = 0;
    for (String location : redirects.keySet()) {
      outside.respond("/r" + n++, 302, "", Map.of("Location", location));
    }
    InetAddress allowed = InetAddress.getByName("127.0.0.1");
    Dns names =
        host ->
            host.equals("inside.test")
                ? List.of(InetAddress.getByName("127.0.0.2"))
                : Dns.SYSTEM.lookup(host);
    // private addresses refused, as in production, except the one machine the test's feeds live on
    HostileBot bot =
        closeLater(new HostileBot(dir, "http.allow-private-addresses=false"))
            .startWithFetcher(
                new FetcherSettings(
                    "OrreryTest/1",
                    Duration.ofSeconds(5),
                    1 << 20,
                    false,
                    4,
                    names,
                    Set.of(allowed)));

    n = 0;
    for (String reason : redirects.values()) {
      PostedMessage reply = bot.subscribe(outside.url("/r" + n++).toString());
      assertThat(reply.content()).isEqualTo(REFUSED + reason + CHECK);
      assertThat(reply.ephemeral()).isTrue();
      assertQuiet(reply);
    }
    assertThat(outside.requests()).hasSize(redirects.size());
    assertThat(inside.connections()).as("connections that reached 127.0.0.2").isZero();
    assertThat(bot.rows("subscriptions")).isZero();
  }

  @Test
  void hostileCommandOptionsAreEchoedWithoutPingingOrFormatting() {
    HostileBot bot = closeLater(new HostileBot(dir, "http.allow-private-addresses=false")).start();
    String mentions =
        "@everyone @here <@&"
            + bot.staff.id()
            + "> <@"
            + bot.reader.id()
            + "> <@!"
            + bot.reader.id()
            + "> <#"
            + bot.news.id()
            + ">";
    List<String> hostile =
        List.of(
            mentions + " **bold** __under__ ~~gone~~ ||spoiler|| `code` [x](http://evil.example/)",
            "# Heading\n> quote\n- item\n1. one\n```\n@everyone\n```",
            "\u202Eexe.lmth\u202C @everyone \u2066<@&" + bot.staff.id() + ">\u2069 \u202Dltr\u202C",
            "@\u200Beveryone @\u2060here <@\u200B" + bot.reader.id() + "> zero\u200Dwidth \uFEFF",
            "[click](<http://evil.example/>) <http://evil.example/> ||"
                + "@here ".repeat(400)
                + "||");
    for (String option : hostile) {
      List<PostedMessage> replies = new ArrayList<>();
      replies.add(bot.subscribe(option));
      replies.add(bot.command(bot.admin, "unsubscribe", CommandOption.string("source", option)));
      Interaction latest =
          bot.discord.interact(
              bot.reader, bot.news, "latest", CommandOption.string("source", option));
      replies.add(latest.awaitFollowUps(1, WAIT).get(0));
      for (PostedMessage reply : replies) {
        String what = reply.content();
        assertThat(reply.ephemeral()).as(what).isTrue();
        assertThat(reply.content()).as("a refusal").startsWith("⚠️ ");
        assertQuiet(reply);
        assertThat(reply.content()).as(what).doesNotContainPattern(RAW_MENTION);
        assertThat(BIDI_CONTROL.matcher(reply.content()).find())
            .as("bidi controls in " + what)
            .isFalse();
        // the bot's own sentence has no markdown: any formatting character left unescaped came from
        // the option
        assertThat(UNESCAPED_MARKDOWN.matcher(reply.content()).find())
            .as("unescaped markdown in " + what)
            .isFalse();
        assertThat(reply.content()).as(what).doesNotContain("\n#", "\n>", "\n-", "\n1.");
        assertThat(reply.content().length()).isLessThanOrEqualTo(2000);
      }
    }
    assertThat(bot.rows("subscriptions")).isZero();
    assertThat(bot.discord.messages())
        .allSatisfy(m -> assertThat(m.pings().any()).as(m.toString()).isFalse());
  }

  @Test
  void hostileFeedTextPingsNobodyAndStaysInsideItsEmbed() {
    FeedServer server = closeLater(new FeedServer());
    server.serve("/feed", utf8(rss("Baseline", item("0", "Calm", "<p>nothing to see</p>"))));
    HostileBot bot =
        closeLater(
                new HostileBot(
                    dir,
                    "http.allow-private-addresses=true",
                    "poll.interval=1s",
                    "summary.max-length=4000"))
            .start();
    Channel quiet = bot.discord.createTextChannel(bot.guild, "quiet");
    assertThat(
            bot.subscribe(server.url("/feed").toString(), CommandOption.role("mention", bot.staff))
                .content())
        .startsWith("Subscribed <#" + bot.news.id() + ">");
    assertThat(
            bot.subscribe(server.url("/feed").toString(), CommandOption.channel("channel", quiet))
                .content())
        .startsWith("Subscribed <#" + quiet.id() + ">");

    String role = "<@&" + bot.staff.id() + ">";
    String user = "<@" + bot.reader.id() + ">";
    String everyoneRole = "<@&" + bot.guild.id() + ">";
    List<String> items =
        List.of(
            item(
                "1",
                "@everyone @here free nitro "
                    + role
                    + " "
                    + user
                    + " <@!"
                    + bot.reader.id()
                    + "> "
                    + everyoneRole,
                "<p>@everyone read [this](http://evil.example/steal) ||spoiler|| **bold _broken"
                    + " ~~strike `tick</p><p>"
                    + esc(role)
                    + " "
                    + esc(user)
                    + " @here "
                    + esc(everyoneRole)
                    + "</p>"),
            item(
                "2",
                "[click me](http://evil.example/phish) # not a heading",
                "<p>[x](http://evil.example/) and [y](<http://evil.example/>)"
                    + " &lt;http://evil.example/&gt;</p><p><a href=\"javascript:alert(1)\">js</a>"
                    + " <a href=\"http://evil.example/anchor\">@everyone</a></p>"),
            item(
                "3",
                ("**" + role + "** @everyone __").repeat(40),
                "<p>"
                    + ("@everyone " + esc(role) + " [x](http://evil.example/) ").repeat(500)
                    + "</p>"),
            item(
                "4",
                "```` ~~ || __ ** > quote",
                "<pre>```\n@everyone "
                    + esc(user)
                    + "\n```</pre><code>`@here`</code> ~~ __ ** ||unclosed"));
    StringBuilder all = new StringBuilder(item("0", "Calm", "<p>nothing to see</p>"));
    items.forEach(all::append);
    server.serve(
        "/feed",
        utf8(rss("@everyone " + role + " **Feed**", all.toString(), "<@" + bot.reader.id() + ">")));

    List<PostedMessage> news = bot.discord.awaitMessages(bot.news, 4, WAIT);
    List<PostedMessage> plain = bot.discord.awaitMessages(quiet, 4, WAIT);
    for (PostedMessage post : news) {
      assertThat(post.content()).isEqualTo(role); // the one mention the subscription asked for
      assertThat(post.allowedMentions().present()).isTrue();
      assertThat(post.allowedMentions().parse()).isEmpty();
      assertThat(post.allowedMentions().users()).isEmpty();
      assertThat(post.allowedMentions().roles()).containsExactly(bot.staff.id());
      assertThat(post.pings().everyone()).isFalse();
      assertThat(post.pings().userIds()).isEmpty();
      assertThat(post.pings().roleIds()).containsExactly(bot.staff.id());
      assertInsideItsEmbed(post);
    }
    for (PostedMessage post : plain) {
      assertThat(post.content()).isNullOrEmpty();
      assertQuiet(post);
      assertInsideItsEmbed(post);
    }
    PostedEmbed first =
        plain.stream()
            .filter(p -> p.embed().description().contains("read"))
            .findFirst()
            .orElseThrow()
            .embed();
    assertThat(first.description()).contains("\\[this\\](http://evil.example/steal)", "\\*\\*bold");
    PostedEmbed long3 =
        plain.stream()
            .filter(p -> p.embed().title().startsWith("\\*\\*"))
            .findFirst()
            .orElseThrow()
            .embed();
    assertThat(long3.title()).hasSize(256).endsWith("…");
    assertThat(long3.description().length()).isBetween(1000, 4096);
    System.out.println("hostile feed posts as the emulator stored them:");
    plain.forEach(
        p ->
            System.out.println(
                "  title="
                    + p.embed().title()
                    + "\n  author="
                    + p.embed().authorName()
                    + "\n  description="
                    + abbreviate(p.embed().description())));
  }

  @Test
  void entityAttacksAndExternalDtdsAreRefusedThroughSubscribe() {
    FeedServer server = closeLater(new FeedServer());
    String leak = server.url("/leak").toString();
    server.respond(
        "/xxe-file",
        200,
        doctype("<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"),
        Map.of("Content-Type", "application/rss+xml"));
    server.respond(
        "/xxe-net",
        200,
        doctype("<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + leak + "\">]>"),
        Map.of("Content-Type", "application/rss+xml"));
    StringBuilder laughs = new StringBuilder("<!DOCTYPE rss [<!ENTITY lol \"lol\">");
    for (int i = 1; i <= 9; i++) {
      laughs
          .append("<!ENTITY lol")
          .append(i)
          .append(" \"")
          .append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
          .append("\">");
    }
    server.respond(
        "/laughs",
        200,
        doctype(laughs.append("]>").toString().replace("&xxe;", "&lol9;")),
        Map.of("Content-Type", "application/rss+xml"));
    server.respond(
        "/external-dtd",
        200,
        doctype("<!DOCTYPE rss SYSTEM \"" + server.url("/evil.dtd") + "\">")
            .replace("&xxe;", "Fine"),
        Map.of("Content-Type", "application/rss+xml"));
    HostileBot bot = closeLater(new HostileBot(dir, "http.allow-private-addresses=true")).start();

    String entityAttack =
        REFUSED
            + "not a feed: DOCTYPE declarations are not allowed (possible entity attack)"
            + CHECK;
    for (String path : List.of("/xxe-file", "/xxe-net", "/laughs")) {
      PostedMessage reply = bot.subscribe(server.url(path).toString());
      assertThat(reply.content()).as(path).isEqualTo(entityAttack);
      assertThat(reply.content()).doesNotContain("root:");
      assertQuiet(reply);
    }
    // a DOCTYPE naming an external DTD is either refused or parsed without ever fetching the DTD
    PostedMessage external = bot.subscribe(server.url("/external-dtd").toString());
    assertThat(external.content())
        .satisfiesAnyOf(
            c -> assertThat(c).isEqualTo(entityAttack),
            c -> assertThat(c).startsWith("Subscribed <#" + bot.news.id() + "> to Fine."));
    assertThat(server.requestCount("/leak")).isZero();
    assertThat(server.requestCount("/evil.dtd")).isZero();
    System.out.println("external DTD: " + external.content());
  }

  @Test
  void subscriptionsShowsAReadableReasonForEachKindOfFault() {
    Map<Integer, Kind> kinds = new ConcurrentHashMap<>();
    FaultyFeedServer server =
        closeLater(
            new FaultyFeedServer(n -> kinds.getOrDefault(n, Kind.HEALTHY), 16 * 1024 * 1024, 3));
    HostileBot bot =
        closeLater(
                new HostileBot(
                    dir,
                    "http.allow-private-addresses=true",
                    "poll.interval=1s",
                    "http.timeout=2s",
                    "http.max-bytes=1MB"))
            .start();
    Map<Kind, String> expected = new LinkedHashMap<>();
    expected.put(Kind.DRIP, "timed out after 2 s");
    expected.put(Kind.SILENT, "timed out after 2 s");
    expected.put(Kind.GARBAGE, "not a feed: the page is HTML");
    expected.put(Kind.GZIP_BOMB, "larger than 1 MB");
    expected.put(Kind.REDIRECT_LOOP, "too many redirects (more than 5)");
    List<Kind> faults = List.copyOf(expected.keySet());
    for (int n = 0; n < faults.size(); n++) {
      // feed 5 sends garbage of the HTML sort; the others are named by their position
      int feed = faults.get(n) == Kind.GARBAGE ? 5 : n;
      assertThat(bot.subscribe("http://127.0.0.1:" + server.port() + "/f/" + feed).content())
          .startsWith("Subscribed <#" + bot.news.id() + "> to Blog number " + feed);
      kinds.put(feed, faults.get(n));
    }
    AtomicInteger polls = new AtomicInteger();
    Await.until(
        WAIT,
        "every fault in /subscriptions",
        () -> {
          polls.incrementAndGet();
          String list = bot.command(bot.reader, "subscriptions").content();
          return list.lines().filter(l -> l.contains("⚠️ failing since")).count() == faults.size()
              && expected.entrySet().stream()
                  .allMatch(
                      e ->
                          list.lines()
                              .anyMatch(
                                  line ->
                                      line.contains("Blog number")
                                          && line.contains("failing since")
                                          && line.endsWith(": " + e.getValue())));
        });
    PostedMessage list = bot.command(bot.reader, "subscriptions");
    assertQuiet(list);
    assertThat(list.content().lines().filter(l -> l.contains("⚠️ failing since"))).hasSize(5);
    System.out.println("/subscriptions with five faulty feeds:\n" + list.content());
  }

  /** Pings nobody, and says so explicitly rather than relying on Discord's defaults. */
  static void assertQuiet(PostedMessage message) {
    assertThat(message.pings().any()).as("pings of " + message).isFalse();
    assertThat(message.allowedMentions().present())
        .as("allowed mentions set on " + message)
        .isTrue();
    assertThat(message.allowedMentions().parse()).isEmpty();
    assertThat(message.allowedMentions().users()).isEmpty();
    assertThat(message.allowedMentions().roles()).isEmpty();
  }

  /**
   * Within Discord's embed limits, with no mention Discord would render and no masked link from
   * text.
   */
  static void assertInsideItsEmbed(PostedMessage post) {
    assertThat(post.embeds()).hasSize(1);
    PostedEmbed embed = post.embed();
    assertThat(embed.title()).hasSizeLessThanOrEqualTo(256);
    assertThat(embed.description()).hasSizeLessThanOrEqualTo(4096);
    assertThat(embed.authorName()).hasSizeLessThanOrEqualTo(256);
    int total =
        len(embed.title())
            + len(embed.description())
            + len(embed.authorName())
            + len(embed.footerText());
    assertThat(total).isLessThanOrEqualTo(6000);
    // author and footer are plain text to Discord; title and description render markdown and
    // mentions
    for (String text : new String[] {embed.title(), embed.description()}) {
      if (text != null) {
        assertThat(text).doesNotContainPattern(RAW_MENTION);
        assertThat(text).doesNotContainPattern(MASKED_LINK_FROM_TEXT);
      }
    }
    assertThat(UNESCAPED_MARKDOWN.matcher(embed.title()).find())
        .as("markdown in title " + embed.title())
        .isFalse();
    assertThat(embed.title()).doesNotStartWith("#").doesNotStartWith(">");
  }

  static byte[] utf8(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  static int len(String text) {
    return text == null ? 0 : text.length();
  }

  static String abbreviate(String text) {
    return text == null || text.length() <= 300
        ? text
        : text.substring(0, 300) + "…(" + text.length() + ")";
  }

  static String esc(String html) {
    return html.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static String item(String id, String title, String html) {
    return "<item><title>"
        + esc(title)
        + "</title><link>https://blog.example.org/"
        + id
        + "</link>"
        + "<guid>https://blog.example.org/"
        + id
        + "</guid><pubDate>Mon, 0"
        + (Integer.parseInt(id) % 9 + 1)
        + " Jun 2026 10:00:00 GMT</pubDate><description>"
        + esc(html)
        + "</description></item>";
  }

  static String rss(String title, String items) {
    return rss(title, items, null);
  }

  static String rss(String title, String items, String author) {
    String creator = author == null ? "" : "<managingEditor>" + esc(author) + "</managingEditor>";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>"
        + esc(title)
        + "</title><link>https://blog.example.org/</link><description>d</description>"
        + creator
        + items
        + "</channel></rss>";
  }

  /** A small feed whose title is the entity {@code &xxe;}, after the given DOCTYPE. */
  static String doctype(String doctype) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + doctype
        + "\n<rss version=\"2.0\"><channel>"
        + "<title>&xxe;</title><link>https://blog.example.org/</link><description>d</description>"
        + item("1", "One", "<p>one</p>")
        + "</channel></rss>";
  }

  /** A socket that counts who connects to it, on an address of the loopback network. */
  static final class ConnectionCounter implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();

    ConnectionCounter(String address) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getByName(address));
      Thread acceptor =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket client = socket.accept()) {
                    connections.incrementAndGet();
                  } catch (IOException closed) {
                    return;
                  }
                }
              },
              "connection-counter");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    int connections() {
      return connections.get();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
