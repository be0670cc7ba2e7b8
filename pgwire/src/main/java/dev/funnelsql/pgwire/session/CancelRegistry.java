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
  private final Map<Integer, Session> sessions = new ConcurrentHashMap<>();

  /** A new process id. */
  public int nextProcessId() {
    return nextId.incrementAndGet();
  }

  /** A new secret. */
  public int nextSecret() {
    return RANDOM.nextInt();
  }

  void register(Session session) {
    sessions.put(session.processId(), session);
  }

  void unregister(Session session) {
    sessions.remove(session.processId(), session);
  }

  /** Cancels what the session with that id and secret runs; does nothing if they do not match. */
  public void cancel(int processId, int secret) {
    final Session session = sessions.get(processId);
    if (session != null && session.secret() == secret) {
      session.cancel();
    }
  }

  /** How many sessions are open. */
  public int size() {
    return sessions.size();
  }
}
