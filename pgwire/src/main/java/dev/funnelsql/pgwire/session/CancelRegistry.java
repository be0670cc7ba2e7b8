package dev.funnelsql.pgwire.session;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sessions a CancelRequest may name: each gets a process id and a random secret (sent in BackendKeyData); a
 * request cancels only if both match, since it arrives on a new, unauthenticated connection.
 */
public final class CancelRegistry {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final AtomicInteger nextId = new AtomicInteger(1000);
  private final Map<Integer, Registered> sessions = new ConcurrentHashMap<>();

  /** A session's secret and the connection a matching request cancels. */
  private record Registered(int secret, SessionConnection connection) {
  }

  /** A new process id. */
  public int nextProcessId() {
    return nextId.incrementAndGet();
  }

  /** A new secret. */
  public int nextSecret() {
    return RANDOM.nextInt();
  }

  void register(int processId, int secret, SessionConnection connection) {
    sessions.put(processId, new Registered(secret, connection));
  }

  void unregister(int processId, SessionConnection connection) {
    sessions.computeIfPresent(processId, (id, registered) -> registered.connection() == connection ? null
        : registered);
  }

  /** Cancels what the session with that id and secret runs; does nothing if they do not match. */
  public void cancel(int processId, int secret) {
    final Registered registered = sessions.get(processId);
    if (registered != null && registered.secret() == secret) {
      registered.connection().cancel();
    }
  }

  /** How many sessions are open. */
  public int size() {
    return sessions.size();
  }
}
