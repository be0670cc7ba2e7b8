package dev.funnelsql.examples.demo;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Text progress bar redrawn in place with {@code \r}, at most ten times a second, e.g.
 * {@code [#########...........]  45%  0.90M events  310k ev/s  3.1s}.
 */
final class ProgressBar {

  private static final int WIDTH = 30;
  private static final long MIN_REDRAW_NANOS = 100_000_000L;

  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private long lastDrawNanos = Long.MIN_VALUE;
  private int lastLength;

  ProgressBar(PrintStream out) {
    this.out = out;
  }

  /** Redraws if the last redraw is at least 100 ms old; {@code fraction} is clamped to [0, 1]. */
  void update(double fraction, long events, String phase) {
    long now = System.nanoTime();
    if (lastDrawNanos != Long.MIN_VALUE && now - lastDrawNanos < MIN_REDRAW_NANOS) {
      return;
    }
    lastDrawNanos = now;
    draw(fraction, events, phase, now);
  }

  /** Redraws unconditionally (for a phase change). */
  void force(double fraction, long events, String phase) {
    long now = System.nanoTime();
    lastDrawNanos = now;
    draw(fraction, events, phase, now);
  }

  /** Replaces the bar with a final line and ends it. */
  void finish(String line) {
    out.print('\r' + pad(line) + '\n');
    out.flush();
    lastLength = 0;
  }

  /** Seconds since this bar was created. */
  double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private void draw(double fraction, long events, String phase, long now) {
    double f = Math.max(0.0, Math.min(1.0, fraction));
    int filled = (int) Math.round(f * WIDTH);
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    String line = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
        + String.format(Locale.ROOT, "%3d%%  %s events  %s ev/s  %.1fs", Math.round(f * 100), human(events),
            human((long) (events / seconds)), seconds)
        + (phase.isEmpty() ? "" : "  " + phase);
    out.print('\r' + pad(line));
    out.flush();
  }

  private String pad(String line) {
    int length = line.length();
    String padded = length < lastLength ? line + " ".repeat(lastLength - length) : line;
    lastLength = length;
    return padded;
  }

  /** Formats a count compactly: 950, 12.3k, 310k, 1.24M. */
  static String human(long n) {
    if (n < 1_000) {
      return Long.toString(n);
    }
    if (n < 100_000) {
      return String.format(Locale.ROOT, "%.1fk", n / 1e3);
    }
    if (n < 1_000_000) {
      return String.format(Locale.ROOT, "%dk", Math.round(n / 1e3));
    }
    return String.format(Locale.ROOT, "%.2fM", n / 1e6);
  }
}
