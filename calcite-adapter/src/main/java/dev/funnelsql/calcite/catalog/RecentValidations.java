package dev.funnelsql.calcite.catalog;

import dev.funnelsql.calcite.model.ModelException;
import dev.funnelsql.calcite.source.EventStore;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The models that passed their {@link ModelCatalog#validate validation} in this JVM lately, by the identity of the
 * connection they were validated on (model file content, store, credentials and settings): a new connection with
 * the same identity within {@link EventStore#METADATA_KEPT_FOR_MILLIS} skips the checks, which prepare one statement
 * per model expression (about a tenth of a second on DuckDB). A failure is never remembered, so a broken model fails
 * every connection; a store table altered since is seen at the latest after that time, as the store's metadata is.
 * The first connection of an identity is told so, for its segmentations' health to be logged once
 * ({@link ModelCatalog#logSegmentationHealth}).
 */
public final class RecentValidations {
  private static final int MAX_IDENTITIES = 256;

  private final long keptForNanos;
  private final LongSupplier clock;
  private final Map<String, Long> passedAt = new LinkedHashMap<>(16, 0.75f, true) {
    @Override protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > MAX_IDENTITIES;
    }
  };

  /** The identities whose segmentations' health was logged in this JVM: once each, on its first connection. */
  private final Map<String, Boolean> healthLogged = new LinkedHashMap<>(16, 0.75f, true) {
    @Override protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > MAX_IDENTITIES;
    }
  };

  /** The validations of this JVM. */
  public static final RecentValidations JVM =
      new RecentValidations(EventStore.METADATA_KEPT_FOR_MILLIS, System::nanoTime);

  RecentValidations(long keptForMillis, LongSupplier clock) {
    this.keptForNanos = keptForMillis * 1_000_000L;
    this.clock = clock;
  }

  /**
   * Validates {@code catalog} through {@code connection} unless a connection of the same {@code identity} did so
   * within {@link EventStore#METADATA_KEPT_FOR_MILLIS}.
   *
   * @return whether this is the identity's first connection in this JVM: its segmentations' health is to be logged
   */
  public boolean validate(ModelCatalog catalog, Connection connection, String identity) throws ModelException {
    if (passedLately(identity)) {
      return false;
    }
    catalog.validate(connection);
    final boolean firstTime;
    synchronized (passedAt) {
      passedAt.put(identity, clock.getAsLong());
      firstTime = healthLogged.put(identity, Boolean.TRUE) == null;
    }
    return firstTime;
  }

  private boolean passedLately(String identity) {
    synchronized (passedAt) {
      final Long at = passedAt.get(identity);
      return at != null && clock.getAsLong() - at < keptForNanos;
    }
  }
}
