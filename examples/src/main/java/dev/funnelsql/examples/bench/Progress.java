package dev.funnelsql.examples.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines on stderr ({@code [bench 12.3 s] …}), so that stdout keeps only the report. */
final class Progress {
  private final PrintStream out;
  private final long start = System.nanoTime();

  Progress(PrintStream out) {
    this.out = out;
  }

  /** Prints one progress line. */
  void say(String message) {
    out.printf(Locale.ROOT, "[bench %6.1f s] %s%n", (System.nanoTime() - start) / 1e9, message);
    out.flush();
  }
}
