package dev.funnelsql.jdbc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects the messages a java.util.logging logger (and its children) writes at FINE and above while open. */
final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger;
  private final Level level;
  private final List<String> messages = new CopyOnWriteArrayList<>();

  private LogCapture(Logger logger) {
    this.logger = logger;
    this.level = logger.getLevel();
  }

  /** Starts capturing the logger of that name. */
  static LogCapture of(String name) {
    final LogCapture capture = new LogCapture(Logger.getLogger(name));
    capture.logger.setLevel(Level.FINE);
    capture.logger.addHandler(capture);
    return capture;
  }

  /** The messages so far. */
  List<String> messages() {
    return List.copyOf(messages);
  }

  /** How many messages so far contain {@code text}. */
  long count(String text) {
    return messages.stream().filter(message -> message.contains(text)).count();
  }

  @Override public void publish(LogRecord record) {
    messages.add(record.getMessage());
  }

  @Override public void flush() {
  }

  @Override public void close() {
    logger.removeHandler(this);
    logger.setLevel(level);
  }
}
