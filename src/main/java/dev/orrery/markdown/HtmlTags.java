package dev.orrery.markdown;

import java.util.Set;

/** Which HTML elements {@link MarkdownWalk} drops, and which it sets apart as blocks. */
final class HtmlTags {
  /** Dropped with everything inside: scripts, embeds, media, forms, the head. */
  static final Set<String> DROPPED =
      Set.of(
          "script",
          "style",
          "iframe",
          "frame",
          "frameset",
          "form",
          "object",
          "embed",
          "img",
          "picture",
          "svg",
          "math",
          "video",
          "audio",
          "source",
          "track",
          "canvas",
          "map",
          "noscript",
          "template",
          "button",
          "input",
          "select",
          "textarea",
          "head",
          "title",
          "meta",
          "link");

  /** Blocks set apart by a blank line. */
  static final Set<String> PARAGRAPHS =
      Set.of(
          "p",
          "section",
          "article",
          "header",
          "footer",
          "aside",
          "nav",
          "main",
          "figure",
          "address",
          "details",
          "dl",
          "table",
          "hr",
          "center",
          "fieldset");

  /** Blocks on lines of their own. */
  static final Set<String> LINES =
      Set.of(
          "div", "dt", "dd", "tr", "figcaption", "summary", "caption", "thead", "tbody", "tfoot");

  private HtmlTags() {}
}
