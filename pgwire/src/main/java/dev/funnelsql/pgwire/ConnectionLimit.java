package dev.funnelsql.pgwire;

import java.util.concurrent.atomic.AtomicInteger;

/** The server's cap on open client connections ({@code --max-connections}): a client past it is turned away. */
final class ConnectionLimit {
  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  ConnectionLimit(int max) {
    this.max = max;
  }

  /** Counts a new client connection; false if the limit is reached. */
  boolean admit() {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      return false;
    }
    return true;
  }

  /** An admitted connection closed. */
  void release() {
    open.decrementAndGet();
  }
}
