package dev.orrery.discord;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import dev.orrery.markdown.SummaryCutter;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.entities.Message;

/**
 * A subscription's message template: Mustache text (JMustache), checked once against the
 * placeholders an entry offers, then rendered into the text of each message.
 */
final class MessageTemplate {
  /** The longest template accepted: as long as a message may be. */
  static final int MAX_LENGTH = Message.MAX_CONTENT_LENGTH;

  private static final Mustache.Compiler COMPILER =
      Mustache.compiler()
          // the values are escaped for Discord already; HTML entities would show as written
          .escapeHTML(false)
          // an absent value is "": its section renders nothing, its inverted section renders
          .emptyStringIsFalse(true)
          .defaultValue("")
          .withFormatter(MessageTemplate::format);

  private static final SummaryCutter CUTTER = new SummaryCutter();

  private final Template template;

  private MessageTemplate(Template template) {
    this.template = template;
  }

  /**
   * The template, checked: a blank text is a template that renders nothing.
   *
   * @throws TemplateException with a sentence for the person who wrote it: too long, a syntax error
   *     and its line, or a name that is not a placeholder (with the known ones)
   */
  static MessageTemplate compile(String text) throws TemplateException {
    String source = text == null ? "" : text;
    if (source.length() > MAX_LENGTH) {
      throw new TemplateException(TemplateErrors.tooLong(source.length(), MAX_LENGTH));
    }
    Template template;
    try {
      template = COMPILER.compile(source);
    } catch (MustacheException e) {
      throw new TemplateException(TemplateErrors.syntax(e.getMessage()));
    } catch (RuntimeException e) {
      // JMustache fails on some malformed tags ("{{ }}") with an index error of its own
      throw new TemplateException(TemplateErrors.unreadable());
    }
    NameCheck check = new NameCheck(source);
    template.visit(check);
    if (check.problem != null) {
      throw new TemplateException(check.problem);
    }
    return new MessageTemplate(template);
  }

  /**
   * The text for these values, without the blank space around it, at most {@code maxLength}
   * characters: a longer text is cut at the last space or line break that fits, and ends with "…".
   */
  String render(TemplateValues values, int maxLength) {
    // a little over the limit is enough to cut well; huge values are not copied in full
    CappedWriter out = new CappedWriter(2 * maxLength);
    template.execute(values.byName(), out);
    return CUTTER.cut(out.text().strip(), maxLength);
  }

  /** A list (the categories) shows comma-separated; "{{.}}" outside one shows nothing. */
  private static CharSequence format(Object value) {
    if (value instanceof List<?> list) {
      return String.join(", ", list.stream().map(String::valueOf).toList());
    }
    if (value instanceof Map) {
      return "";
    }
    return String.valueOf(value);
  }

  /** Finds the first name in the template that is not a placeholder, and other things refused. */
  private static final class NameCheck implements Mustache.Visitor {
    private static final List<String> KNOWN = TemplateValues.names();

    private final String source;
    private String problem;

    NameCheck(String source) {
      this.source = source;
    }

    @Override
    public void visitText(String text) {
      // with other delimiters, "{{" is plain text
      if (problem == null && text.contains("{{") && !source.contains("{{=")) {
        problem = TemplateErrors.unclosedTag(source, text);
      }
    }

    @Override
    public void visitVariable(String name) {
      // "{{.}}" is the current category inside {{#categories}}
      if (!name.equals(".")) {
        name("", name);
      }
    }

    @Override
    public boolean visitSection(String name) {
      return name("#", name);
    }

    @Override
    public boolean visitInvertedSection(String name) {
      return name("^", name);
    }

    @Override
    public boolean visitInclude(String name) {
      return refuse(">", name);
    }

    @Override
    public boolean visitParent(String name) {
      return refuse("<", name);
    }

    @Override
    public boolean visitBlock(String name) {
      return refuse("$", name);
    }

    private boolean name(String sigil, String name) {
      if (problem == null && !KNOWN.contains(name)) {
        problem = TemplateErrors.unknown(sigil, name, source, KNOWN);
      }
      return problem == null;
    }

    private boolean refuse(String sigil, String name) {
      if (problem == null) {
        problem = TemplateErrors.notSupported(sigil, name, source);
      }
      return false;
    }
  }

  /** Keeps the first {@code capacity} characters written and drops the rest. */
  private static final class CappedWriter extends Writer {
    private final StringBuilder text = new StringBuilder();
    private final int capacity;

    CappedWriter(int capacity) {
      this.capacity = capacity;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      text.append(chars, offset, Math.min(length, Math.max(0, capacity - text.length())));
    }

    @Override
    public void write(String string, int offset, int length) {
      text.append(string, offset, offset + Math.min(length, Math.max(0, capacity - text.length())));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    String text() {
      return text.toString();
    }
  }
}
