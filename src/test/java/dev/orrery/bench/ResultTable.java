package dev.orrery.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one table a bench run prints: a row per figure, with its target and whether it was met. Every
 * scenario (feed cycles now; delivery, latency and start-up later) adds its rows here.
 */
public final class ResultTable {
  /** How a figure compares with its target. */
  public enum Verdict {
    PASS("pass"),
    MISS("**miss**"),
    INFO("");

    final String text;

    Verdict(String text) {
      this.text = text;
    }
  }

  /** One figure. {@code target} is shown as written ("≤ 60 s"), or empty when there is none. */
  public record Row(
      String scenario, String figure, String value, String unit, String target, Verdict verdict) {}

  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /** A figure without a target. */
  public ResultTable info(String scenario, String figure, double value, String unit) {
    rows.add(new Row(scenario, figure, format(value), unit, "", Verdict.INFO));
    return this;
  }

  /** A figure that must be at most {@code limit}. */
  public ResultTable atMost(
      String scenario, String figure, double value, String unit, double limit) {
    rows.add(
        new Row(
            scenario,
            figure,
            format(value),
            unit,
            "≤ " + format(limit),
            value <= limit ? Verdict.PASS : Verdict.MISS));
    return this;
  }

  /** A figure that must be at least {@code floor}. */
  public ResultTable atLeast(
      String scenario, String figure, double value, String unit, double floor) {
    rows.add(
        new Row(
            scenario,
            figure,
            format(value),
            unit,
            "≥ " + format(floor),
            value >= floor ? Verdict.PASS : Verdict.MISS));
    return this;
  }

  public ResultTable add(Row row) {
    rows.add(row);
    return this;
  }

  /** A line printed under the table: the conditions the figures were measured in. */
  public ResultTable note(String note) {
    notes.add(note);
    return this;
  }

  public List<Row> rows() {
    return List.copyOf(rows);
  }

  public boolean anyMiss() {
    return rows.stream().anyMatch(r -> r.verdict() == Verdict.MISS);
  }

  /** The table as GitHub markdown, numbers right-aligned, notes below as a list. */
  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| scenario | figure | value | unit | target | result |\n");
    out.append("| --- | --- | ---: | --- | --- | --- |\n");
    for (Row r : rows) {
      out.append("| ")
          .append(r.scenario())
          .append(" | ")
          .append(r.figure())
          .append(" | ")
          .append(r.value())
          .append(" | ")
          .append(r.unit())
          .append(" | ")
          .append(r.target())
          .append(" | ")
          .append(r.verdict().text)
          .append(" |\n");
    }
    if (!notes.isEmpty()) {
      out.append('\n');
      for (String note : notes) {
        out.append("- ").append(note).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * A number as a person reads it: thousands separated, three significant digits below 100, none
   * after the point from 100 up.
   */
  static String format(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "n/a";
    }
    double magnitude = Math.abs(value);
    if (magnitude >= 100 || value == Math.rint(value)) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (magnitude >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    if (magnitude >= 1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
