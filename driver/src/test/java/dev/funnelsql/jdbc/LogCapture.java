package dev.funnelsql.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures every log line written while it is open, at every level: java.util.logging directly, and SLF4J (Calcite,
 * Avatica, the connection pool, embedded PostgreSQL) through the slf4j-jdk14 binding on the test class path. Each
 * line is formatted with its parameters and the stack trace of its exception, as a log file would show it.
 */
final class LogCapture implements AutoCloseable {
  private final Logger root = Logger.getLogger("");
  private final Level rootLevel = root.getLevel();
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final Handler handler = new Handler() {
    private final SimpleFormatter formatter = new SimpleFormatter();

    @Override public void publish(LogRecord record) {
      lines.add(formatter.format(record));
    }

    @Override public void flush() {
    }

    @Override public void close() {
    }
  };

  LogCapture() {
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
    root.setLevel(Level.ALL);
  }

  /** The lines captured so far. */
  List<String> lines() {
    synchronized (lines) {
      return new ArrayList<>(lines);
    }
  }

  @Override public void close() {
    root.setLevel(rootLevel);
    root.removeHandler(handler);
  }
}
