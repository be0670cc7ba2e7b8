package dev.funnelsql.jdbc;

import dev.funnelsql.calcite.catalog.ModelCatalog;
import java.sql.Connection;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs a model's segmentations' health on an identity's first connection ({@link ModelCatalog#logSegmentationHealth})
 * without holding that connection up: the check reads every event (12 s for four segmentations over 10M events on
 * DuckDB, where Metabase's connection test gives up after 10 s), so it runs on a connection of its own, on a daemon
 * thread. Where the store computes in this JVM's heap (H2) it runs before the connection is handed over instead, so
 * that its groupings never share the heap with those of the connection's first queries.
 */
final class SegmentationHealthAtConnect {
  private static final Logger LOG = Logger.getLogger(SegmentationHealthAtConnect.class.getName());

  /** One check at a time, whatever the number of models first connected. */
  private static final ExecutorService CHECKS = Executors.newSingleThreadExecutor(task -> {
    final Thread thread = new Thread(task, "funnelsql-segmentation-health");
    thread.setDaemon(true);
    return thread;
  });

  private SegmentationHealthAtConnect() {
  }

  /**
   * Logs the health of {@code catalog}'s segmentations.
   *
   * @param opening the connection being opened, which checks them itself when {@code inHeap}
   * @param inHeap whether the store computes in this JVM's heap
   * @param another opens another connection like {@code opening}, on which the check runs otherwise
   */
  static void log(ModelCatalog catalog, Connection opening, boolean inHeap, Callable<Connection> another) {
    if (inHeap) {
      catalog.logSegmentationHealth(opening);
      return;
    }
    CHECKS.execute(() -> {
      try (Connection connection = another.call()) {
        catalog.logSegmentationHealth(connection);
      } catch (Exception e) {
        LOG.log(Level.FINE, "the segmentations' health was not checked: {0}", e.getMessage());
      }
    });
  }
}
