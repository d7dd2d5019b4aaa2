package dev.orrery.feed;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.WireFeedParser;
import com.rometools.rome.io.impl.FeedParsers;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.jdom2.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses a fetched body as RSS (0.9x, 1.0, 2.0) or Atom (0.3, 1.0) with ROME, keeping ROME's
 * refusal of DOCTYPEs (no external entities, no billion laughs) and refusing elements nested deeper
 * than {@link FeedXml#MAX_DEPTH}, and converts the result to {@link ParsedFeed}. Never throws:
 * anything unusable is {@link ParseResult.Invalid} with a readable reason.
 */
public final class FeedParser {
  private static final Logger LOG = LoggerFactory.getLogger(FeedParser.class);

  /** ROME's parsers, as ROME's own input finds them (one per format, from rome.properties). */
  private static final FeedParsers ROME_PARSERS = new FeedParsers();

  private final FeedXml xml;
  private final RomeConverter converter = new RomeConverter();

  public FeedParser() {
    this(FeedXml.MAX_DEPTH);
  }

  /** With another nesting limit: for tests that need ROME itself to meet a deep tree. */
  FeedParser(int maxDepth) {
    this.xml = new FeedXml(maxDepth);
  }

  /**
   * @param contentType the Content-Type header, or null
   * @param url where the body came from, to make relative links absolute
   */
  public ParseResult parse(byte[] body, String contentType, URI url) {
    if (body == null || body.length == 0) {
      return new ParseResult.Invalid(ParseErrors.EMPTY);
    }
    String text;
    try {
      text = FeedText.decode(body, contentType);
    } catch (IOException e) {
      LOG.debug("{}: cannot decode the body", url, e);
      return new ParseResult.Invalid(ParseErrors.UNDECODABLE);
    }
    if (text.isBlank()) {
      return new ParseResult.Invalid(ParseErrors.EMPTY);
    }
    if (Prolog.isHtml(text)) {
      return new ParseResult.Invalid(ParseErrors.HTML);
    }
    String withoutDoctype = Prolog.withoutPlainDoctype(text);
    if (Prolog.hasDoctype(withoutDoctype)) {
      return new ParseResult.Invalid(ParseErrors.DOCTYPE); // one with an internal subset
    }
    FeedXml.Read read = xml.read(withoutDoctype);
    if (read instanceof FeedXml.Parsed parsed) {
      return romeRead(parsed.document(), contentType, url);
    }
    if (isHtmlType(contentType)) {
      return new ParseResult.Invalid(ParseErrors.HTML);
    }
    if (read instanceof FeedXml.TooDeep deep) {
      return new ParseResult.Invalid(ParseErrors.tooDeep(deep.limit()));
    }
    FeedXml.Malformed malformed = (FeedXml.Malformed) read;
    if (malformed.message() != null && malformed.message().contains("DOCTYPE")) {
      return new ParseResult.Invalid(ParseErrors.DOCTYPE); // one the prolog check did not see
    }
    return new ParseResult.Invalid(
        ParseErrors.malformed(malformed.line(), malformed.column(), malformed.message()));
  }

  /** ROME's reading of a well-formed document, and ours of ROME's model. */
  private ParseResult romeRead(Document document, String contentType, URI url) {
    DocumentShape.normalize(document);
    String root = document.getRootElement().getQualifiedName();
    WireFeedParser rome = ROME_PARSERS.getParserFor(document);
    if (rome == null) {
      return new ParseResult.Invalid(
          isHtmlType(contentType) ? ParseErrors.HTML : ParseErrors.notRssOrAtom(root));
    }
    // rome-opml registers its parsers with ROME's: a list of feeds would pass for a feed
    if (rome.getType().startsWith("opml")) {
      return new ParseResult.Invalid(ParseErrors.OPML);
    }
    try {
      RomeDates dates = RomeDates.take(document, rome.getType());
      WireFeed wire = rome.parse(document, false, Locale.US);
      if (!dates.putInto(wire)) {
        dates.putBack(); // ROME read other items than expected: let it read their dates too
        wire = rome.parse(document, false, Locale.US);
      }
      DirectCloneDublinCore.putInto(wire);
      // The wire feed is kept: it has what the generic model loses, RSS <ttl> and the real guid.
      return new ParseResult.Parsed(converter.convert(new SyndFeedImpl(wire, true), url));
    } catch (StackOverflowError e) {
      // ROME recurses over the tree; the nesting limit keeps it shallow, this is the last guard
      LOG.warn("{}: the <{}> document is nested too deeply for ROME", url, root);
      return new ParseResult.Invalid(ParseErrors.TOO_DEEP_TO_READ);
    } catch (Exception e) {
      // ROME expects parts of its formats a well-formed document may lack
      LOG.warn("{}: ROME cannot read the <{}> document: {}", url, root, e.toString());
      LOG.debug("{}: where ROME failed", url, e);
      return new ParseResult.Invalid(ParseErrors.unreadable(root));
    }
  }

  private static boolean isHtmlType(String contentType) {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html");
  }
}
