package dev.orrery.bench;

import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.xml.sax.InputSource;

/**
 * ROME's raw parse rate on the same synthetic feeds: {@code SyndFeedInput} with its defaults on the
 * bytes, nothing around it. The ceiling for Orrery's parse, normalise and store.
 */
final class RomeParseRate {
  private final List<byte[]> bodies = new ArrayList<>();

  /**
   * @param sample how many distinct feeds to cycle through (they differ only in text)
   */
  RomeParseRate(SyntheticFeeds feeds, int sample) {
    for (int k = 0; k < sample; k++) {
      bodies.add(feeds.body(k, 0));
    }
  }

  /** Parses for about {@code seconds} after a warm-up of as long; returns feeds per second. */
  double rate(int threads, double seconds) {
    timed(threads, seconds);
    return timed(threads, seconds);
  }

  private double timed(int threads, double seconds) {
    // Size the batch from one quick pass, so the measured run lasts about the time asked.
    long one = Parallel.run(bodies.size(), threads, this::parse);
    double perSecond = Parallel.perSecond(bodies.size(), one);
    int count = (int) Math.max(bodies.size(), perSecond * seconds);
    long nanos = Parallel.run(count, threads, i -> parse(i % bodies.size()));
    return Parallel.perSecond(count, nanos);
  }

  private void parse(int index) throws Exception {
    SyndFeedInput input = new SyndFeedInput();
    int entries =
        input
            .build(new InputSource(new ByteArrayInputStream(bodies.get(index))))
            .getEntries()
            .size();
    if (entries != SyntheticFeeds.ENTRIES) {
      throw new IllegalStateException("ROME read " + entries + " entries");
    }
  }
}
