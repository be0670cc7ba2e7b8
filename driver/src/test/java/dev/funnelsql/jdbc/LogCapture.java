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
 * Captures the log lines written while it is open: of every logger at every level ({@link #LogCapture()}: java.util
 * .logging directly, and SLF4J — Calcite, Avatica, the connection pool, embedded PostgreSQL — through the slf4j-jdk14
 * binding on the test class path), or of one logger and its children from FINE up ({@link #of}). Each line is kept
 * formatted with its parameters and the stack trace of its exception, as a log file would show it, and as its bare
 * message.
 */
final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final Level level;
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final List<String> messages = Collections.synchronizedList(new ArrayList<>());
  private final Handler handler = new Handler() {
    private final SimpleFormatter formatter = new SimpleFormatter();

    @Override public void publish(LogRecord record) {
      lines.add(formatter.format(record));
      messages.add(String.valueOf(record.getMessage()));
    }

    @Override public void flush() {
    }

    @Override public void close() {
    }
  };

  /** Captures every logger at every level. */
  LogCapture() {
    this(Logger.getLogger(""), Level.ALL);
  }

  private LogCapture(Logger logger, Level capture) {
    this.logger = logger;
    this.level = logger.getLevel();
    handler.setLevel(capture);
    logger.addHandler(handler);
    logger.setLevel(capture);
  }

  /** Captures the logger of that name (and its children) from FINE up. */
  static LogCapture of(String name) {
    return new LogCapture(Logger.getLogger(name), Level.FINE);
  }

  /** The formatted lines captured so far. */
  List<String> lines() {
    synchronized (lines) {
      return new ArrayList<>(lines);
    }
  }

  /** The bare messages captured so far. */
  List<String> messages() {
    synchronized (messages) {
      return new ArrayList<>(messages);
    }
  }

  /** How many messages so far contain {@code text}. */
  long count(String text) {
    return messages().stream().filter(message -> message.contains(text)).count();
  }

  @Override public void close() {
    logger.setLevel(level);
    logger.removeHandler(handler);
  }
}
