package dev.orrery.config;

/**
 * Whether the heap can parse the feed bodies that may be in hand at once: up to {@code
 * poll.threads} bodies of up to {@code http.max-bytes} (counted after decompression, so a small
 * gzip bomb reaches the cap), each needing several times its size while it is parsed.
 */
final class HeapBudget {
  /**
   * Heap a body needs per byte while it is fetched, parsed and normalised: the bytes, the decoded
   * text, ROME's XML tree and entries, our entries. Measured as the growth of the smallest {@code
   * -Xmx} (parallel collector) at which one body of 4 and of 16 MB is fetched (gzip), parsed and
   * normalised, per byte of body: 5.5 for a few entries of 100 KB of HTML, 6.2 for planet-style
   * entries of about 1 KB (7.6 when one character outside Latin-1 makes the text UTF-16), 11 for
   * entries of just a title, link, guid and date (170 bytes each). Four 5 MB bodies of that last
   * kind parsed at once needed -Xmx215m (the measuring program alone 11 MB), where this rule counts
   * 220 MB and {@link #RESERVED}. A hostile body of near-empty entries (a 33-byte title each) needs
   * about 32: bounding that takes counting entries in the parser, past what a size cap can do.
   */
  static final long HEAP_PER_BODY_BYTE = 11;

  /**
   * Heap for the rest of the process: {@code orrery run} holds 11 MB live once logged in (after a
   * full collection); the rest is room for the feeds' state.
   */
  static final long RESERVED = 24L << 20;

  private static final long MB = 1L << 20;
  private static final long MIN_BODY = 1024;

  private final long maxHeap;

  /**
   * @param maxHeap the most heap this process may use, in bytes: {@link Runtime#maxMemory()}
   */
  HeapBudget(long maxHeap) {
    this.maxHeap = maxHeap;
  }

  /** The largest {@code http.max-bytes} this heap parses {@code threads} at a time; 0 if none. */
  long largestBody(int threads) {
    return Math.max(0, (maxHeap - RESERVED) / (HEAP_PER_BODY_BYTE * threads));
  }

  /** Null when bodies of {@code maxBytes} fit; else why not and what to do, for a person. */
  String problem(long maxBytes, int threads) {
    return problem(maxBytes, "", threads, "");
  }

  /**
   * As {@link #problem(long, int)}, each value followed by where it came from, such as " (from
   * ORRERY_HTTP_MAX_BYTES)".
   */
  String problem(long maxBytes, String maxBytesFrom, int threads, String threadsFrom) {
    long largest = largestBody(threads);
    if (maxBytes <= largest) {
      return null;
    }
    long needed = RESERVED + HEAP_PER_BODY_BYTE * threads * maxBytes;
    String advice =
        largest >= MIN_BODY
            ? "at most " + roundedDown(largest) + "; lower http.max-bytes or poll.threads, or raise"
            : "raise";
    return String.format(
        "http.max-bytes = %s%s is more than this process's heap (%s) can parse with poll.threads"
            + " = %d%s: %s -Xmx (it needs a heap of %d MB)",
        Values.formatSize(maxBytes),
        maxBytesFrom,
        roundedDown(maxHeap),
        threads,
        threadsFrom,
        advice,
        (needed + MB - 1) / MB);
  }

  /** "245 MB", "872 KB": a size that, written as http.max-bytes, is not more than {@code bytes}. */
  private static String roundedDown(long bytes) {
    if (bytes >= MB) {
      return bytes / MB + " MB";
    }
    return bytes >= 1024 ? bytes / 1024 + " KB" : bytes + " bytes";
  }
}
