package dev.orrery.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
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
  void aLinkThatJavasUriCannotHoldIsKeptWithoutAUri() {
    Links.Absolute link = Links.absoluteWithUri("https://user:p%ss@blog.example/p", BASE);
    assertThat(link.link()).isEqualTo(Links.absolute("https://user:p%ss@blog.example/p", BASE));
    assertThat(link.uri()).isNull();
  }
}
