package dev.orrery.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Random;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class CanonicalUrlsTest {
  @Test
  void linksAsFeedsWriteThemAreRecognised() {
    for (String url :
        List.of(
            "https://planet12.bench.example/posts/3/",
            "http://blog.example/2026/05/a-post/?utm_source=rss&utm_medium=feed",
            "https://www.python.org/",
            "https://blog-1.example.co.uk/p/%E2%9C%93/x.html?a=1&b=&=c&&",
            "https://blog.example//double//slashes/..x/.y/x.",
            "https://blog.example/~user/it's(here)*+,;=:@!$&?q=a:b@c/d?e")) {
      assertThat(CanonicalUrls.isCanonical(url)).as(url).isTrue();
      assertThat(HttpUrl.get(url).toString()).as(url).isEqualTo(url);
    }
  }

  @Test
  void whatOkHttpMayRewriteIsLeftToIt() {
    for (String url :
        List.of(
            "https://blog.example",
            "https://blog.example?q=1",
            "HTTPS://blog.example/",
            "https://Blog.example/",
            "https://xn--bcher-kva.example/",
            "https://ab--cd.example/",
            "https://-blog.example/",
            "https://blog-.example/",
            "https://blog..example/",
            "https://blog.example./",
            "https://10.0.0.1/",
            "https://[::1]/",
            "https://blog.example:443/",
            "https://blog.example:8443/",
            "https://user@blog.example/",
            "https://blog.example/a/../b",
            "https://blog.example/a/./b",
            "https://blog.example/%2E/b",
            "https://blog.example/.%2e",
            "https://blog.example/a%zz",
            "https://blog.example/a%4",
            "https://blog.example/a b",
            "https://blog.example/a\\b",
            "https://blog.example/caf\u00e9",
            "https://blog.example/?q='",
            "https://blog.example/?q=a b",
            "https://blog.example/p#fragment",
            "ftp://blog.example/",
            "https://" + "a".repeat(64) + ".example/")) {
      assertThat(CanonicalUrls.isCanonical(url)).as(url).isFalse();
    }
  }

  /**
   * Random links made of what feeds write and what OkHttp rewrites: every one recognised is one
   * OkHttp writes back as it is, and one java.net.URI reads as OkHttp converts it.
   */
  @Test
  void everyRandomLinkRecognisedIsOneOkHttpKeepsAsItIs() throws Exception {
    Random random = new Random(15);
    String[] schemes = {"https://", "http://", "HTTP://", "https:/"};
    // mostly what feeds write, some of what OkHttp rewrites
    String hostAlphabet = "abcdefxyz0189abcdefxyz-.-.Z";
    String pathAlphabet =
        "abcdefXYZ0123456789abcdefXYZ0123/////-._~!$&'()*+,;=:@%2eE5fF?#..\\ \"<>^`{}|\u00e9";
    int recognised = 0;
    int samples = 500_000;
    for (int n = 0; n < samples; n++) {
      StringBuilder url = new StringBuilder(schemes[Math.min(random.nextInt(8), 3)]);
      if (random.nextInt(50) == 0) {
        url.append("u:p@");
      }
      url.append(random.nextInt(30) == 0 ? "xn--" : "");
      url.append(text(random, hostAlphabet, 1 + random.nextInt(12)));
      url.append(random.nextBoolean() ? ".example" : "");
      if (random.nextInt(40) == 0) {
        url.append(':').append(random.nextBoolean() ? "443" : "8080");
      }
      if (random.nextInt(20) != 0) {
        url.append('/').append(text(random, pathAlphabet, random.nextInt(16)));
      }
      String link = url.toString();
      if (!CanonicalUrls.isCanonical(link)) {
        continue;
      }
      recognised++;
      HttpUrl okHttps = HttpUrl.parse(link);
      assertThat(okHttps).as(link).isNotNull();
      assertThat(okHttps.toString()).as(link).isEqualTo(link);
      assertThat(new URI(link)).as(link).isEqualTo(okHttps.uri());
      assertThat(new URI(link).toString()).as(link).isEqualTo(okHttps.uri().toString());
    }
    assertThat(recognised).as("links recognised of %s", samples).isGreaterThan(samples / 50);
  }

  private static String text(Random random, String alphabet, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
