package dev.funnelsql.pgwire.auth;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down password guessing: after each failed login from an address, the answer to that address's next failure
 * waits longer (doubling from a quarter second up to a few seconds), and a success or a quiet minute forgets it. It
 * remembers a bounded number of addresses, so a flood from many addresses costs no unbounded memory.
 */
public final class LoginThrottle {
  private static final long FIRST_DELAY_MILLIS = 250;
  private static final long MAX_DELAY_MILLIS = 4_000;
  private static final long FORGET_AFTER_MILLIS = 60_000;
  private static final int MAX_ADDRESSES = 10_000;

  /** The failures of one address: how many in a row, and when the last one was. */
  private record Failures(int count, long lastMillis) {
  }

  private final Map<InetAddress, Failures> failures = new LinkedHashMap<>(16, 0.75f, true) {
    @Override protected boolean removeEldestEntry(Map.Entry<InetAddress, Failures> eldest) {
      return size() > MAX_ADDRESSES;
    }
  };

  /**
   * Records a failed login from {@code address} and returns how long to wait before answering it.
   *
   * @param nowMillis the current time, in milliseconds
   * @return the delay, and the number of failures in a row from that address (this one included)
   */
  public synchronized Delay failed(InetAddress address, long nowMillis) {
    final Failures before = failures.get(address);
    final int count = before == null || nowMillis - before.lastMillis() > FORGET_AFTER_MILLIS ? 1
        : before.count() + 1;
    failures.put(address, new Failures(count, nowMillis));
    final long delay = Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS << Math.min(count - 1, 16));
    return new Delay(Duration.ofMillis(delay), count);
  }

  /** Forgets the failures of {@code address} after it logged in. */
  public synchronized void succeeded(InetAddress address) {
    failures.remove(address);
  }

  /** How long to hold back the answer to a failed login, and how many failures in a row it ends. */
  public record Delay(Duration pause, int failuresInARow) {
  }
}
