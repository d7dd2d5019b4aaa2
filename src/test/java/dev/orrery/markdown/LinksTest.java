package dev.orrery.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Random;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class LinksTest {
  static final URI BASE = URI.create("https://feeds.example/blog/feed.xml");

  @Test
  void theUriOfAnAbsoluteLinkIsOkHttpsReadingOfItsText() {
    List<String> links =
        List.of(
            "https://blog.example/posts/1",
            "HTTP://Blog.Example:80/a/../b/./c",
            "https://blog.example:8443/p?q=1&r=a%20b",
            "https://bücher.example/straße?q=ü",
            "http://[2001:DB8::1]:8080/x",
            "http://192.168.0.1/x",
            "https://user:p%40ss@blog.example/",
            "https://blog.example/a b/c d?e f=g h",
            "https://blog.example/?q=a|b^c{d}`e`",
            "https://blog.example/%7euser/%2F?%41",
            "https://blog.example/?",
            "https://blog.example/p#frag",
            "https://blog.example/p#a b\u202Ec<d>",
            "https://blog.example/p#%zz%41é",
            "https://blog.example./trailing-dot",
            "../other/post.html?x=1#y",
            "/rooted path?q= 1",
            "  https://blog.example/stripped  ",
            "mailto:someone@blog.example",
            "ftp://blog.example/file",
            "",
            "   ");
    for (String link : links) {
      String absolute = Links.absolute(link, BASE);
      Links.Absolute withUri = Links.absoluteWithUri(link, BASE);
      if (absolute == null) {
        assertThat(withUri).as(link).isNull();
        continue;
      }
      assertThat(withUri.link()).as(link).isEqualTo(absolute);
      assertThat(withUri.uri()).as(link).isEqualTo(HttpUrl.get(absolute).uri());
      assertThat(withUri.uri().toString())
          .as(link)
          .isEqualTo(HttpUrl.get(absolute).uri().toString());
    }
  }

  @Test
  void theUriOfRandomLinksIsOkHttpsReadingOfTheirText() {
    Random random = new Random(14);
    String alphabet = "aZ09-._~%2fE[]{}|\\^`'\"<> +;=:@!$&()*,/?#é\u202E\u0085";
    String[] hosts = {"blog.example", "Blog.Example.", "[::1]", "10.0.0.1", "bücher.example"};
    int compared = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder link = new StringBuilder(random.nextBoolean() ? "https://" : "http://");
      if (random.nextInt(8) == 0) {
        link.append(text(random, alphabet.replace("/", "").replace("?", "").replace("#", "")));
        link.append('@');
      }
      link.append(hosts[random.nextInt(hosts.length)]);
      if (random.nextInt(4) == 0) {
        link.append(':').append(random.nextInt(3) == 0 ? 443 : 8080);
      }
      link.append('/').append(text(random, alphabet));
      String raw = link.toString();
      String absolute = Links.absolute(raw, BASE);
      Links.Absolute withUri = Links.absoluteWithUri(raw, BASE);
      if (absolute == null) {
        assertThat(withUri).as(raw).isNull();
        continue;
      }
      // the URL as Links reads it (OkHttp's text is not always read back as the same URL: a
      // host such as "xn---bga" comes back as "xn--bga"), parsed again when its fragment changed
      HttpUrl read = HttpUrl.get(raw);
      HttpUrl url = read.toString().equals(absolute) ? read : HttpUrl.parse(absolute);
      URI okHttps;
      try {
        okHttps = url == null ? null : url.uri();
      } catch (RuntimeException e) {
        okHttps = null;
      }
      assertThat(withUri.uri()).as(raw).isEqualTo(okHttps);
      if (okHttps != null) {
        assertThat(withUri.uri().toString()).as(raw).isEqualTo(okHttps.toString());
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(10_000);
  }

  private static String text(Random random, String alphabet) {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(12); i > 0; i--) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  @Test
  void aLinkThatJavasUriCannotHoldIsKeptWithoutAUri() {
    Links.Absolute link = Links.absoluteWithUri("https://user:p%ss@blog.example/p", BASE);
    assertThat(link.link()).isEqualTo(Links.absolute("https://user:p%ss@blog.example/p", BASE));
    assertThat(link.uri()).isNull();
  }
}
