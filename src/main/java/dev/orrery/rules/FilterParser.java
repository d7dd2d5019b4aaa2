package dev.orrery.rules;

import dev.orrery.rules.FilterLexer.Kind;
import dev.orrery.rules.FilterLexer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the condition of a filter expression: OR binds looser than terms side by side, NOT and
 * {@code -} bind to the term or group right after them.
 */
final class FilterParser {
  /** Deeper parentheses are refused, so parsing recurses a bounded number of times. */
  static final int MAX_DEPTH = 50;

  private final String text;
  private final List<Token> tokens;
  private int next;

  private FilterParser(String text, List<Token> tokens) {
    this.text = text;
    this.tokens = tokens;
  }

  /** The condition {@code text} (not blank) expresses. */
  static Condition parse(String text) throws FilterException {
    FilterParser parser = new FilterParser(text, FilterLexer.tokens(text));
    Condition condition = parser.any(0);
    if (parser.next < parser.tokens.size()) {
      // any() stops only at the end or at a ')' it did not open.
      throw parser.refuse(parser.tokens.get(parser.next), "unexpected ')'");
    }
    return condition;
  }

  /** Alternatives joined by OR. */
  private Condition any(int depth) throws FilterException {
    List<Condition> alternatives = new ArrayList<>();
    alternatives.add(all(depth));
    while (at(Kind.OR)) {
      Token or = tokens.get(next++);
      if (termEnds()) {
        throw refuse(or, "OR needs a term on both sides");
      }
      alternatives.add(all(depth));
    }
    return alternatives.size() == 1 ? alternatives.get(0) : new Condition.Any(alternatives);
  }

  /** Terms side by side (AND between them is allowed and changes nothing). */
  private Condition all(int depth) throws FilterException {
    List<Condition> parts = new ArrayList<>();
    parts.add(negatable(depth));
    while (next < tokens.size() && !at(Kind.OR) && !at(Kind.CLOSE)) {
      if (at(Kind.AND)) {
        Token and = tokens.get(next++);
        if (termEnds()) {
          throw refuse(and, "AND needs a term on both sides");
        }
      }
      parts.add(negatable(depth));
    }
    return parts.size() == 1 ? parts.get(0) : new Condition.All(parts);
  }

  /** A term or group, after any number of NOT and {@code -} (a loop: they may be many). */
  private Condition negatable(int depth) throws FilterException {
    boolean negated = false;
    while (at(Kind.NOT)) {
      Token not = tokens.get(next++);
      if (termEnds()) {
        throw refuse(
            not,
            not.text().equals("-")
                ? "'-' needs a term right after it"
                : "NOT needs a term after it");
      }
      negated = !negated;
    }
    Condition condition = primary(depth);
    return negated ? new Condition.Not(condition) : condition;
  }

  private Condition primary(int depth) throws FilterException {
    Token token = tokens.get(next++);
    switch (token.kind()) {
      case OPEN:
        if (depth == MAX_DEPTH) {
          throw refuse(token, "parentheses are nested more than " + MAX_DEPTH + " deep");
        }
        if (at(Kind.CLOSE)) {
          throw refuse(token, "empty parentheses");
        }
        if (next == tokens.size()) {
          throw refuse(token, "unclosed parenthesis");
        }
        Condition inner = any(depth + 1);
        if (next == tokens.size()) {
          throw refuse(token, "unclosed parenthesis");
        }
        next++;
        return inner;
      case CLOSE:
        throw refuse(token, "unexpected ')'");
      case OR:
        throw refuse(token, "OR needs a term on both sides");
      case AND:
        throw refuse(token, "AND needs a term on both sides");
      default:
        return new Condition.Match(
            token.field(), TermPatterns.compile(text, token), TermPatterns.literal(token));
    }
  }

  private boolean at(Kind kind) {
    return next < tokens.size() && tokens.get(next).kind() == kind;
  }

  /** Whether no term can start at the next token. */
  private boolean termEnds() {
    return next == tokens.size() || at(Kind.CLOSE) || at(Kind.OR) || at(Kind.AND);
  }

  private FilterException refuse(Token token, String what) {
    return FilterException.at(text, token.index(), what);
  }
}
