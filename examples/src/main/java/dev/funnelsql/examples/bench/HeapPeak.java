package dev.funnelsql.examples.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The peak heap one measured run needs: the largest heap in use right after a garbage collection during the run
 * (live data, plus whatever garbage that collection left in the old generation), minus the heap in use after a
 * full collection just before the run. Run the JVM with a modest young generation ({@code -Xmn256m}) so that
 * collections happen every few hundred megabytes of allocation and the peak is sampled often. A run during which no
 * collection happened has no figure ({@link #NONE}).
 */
final class HeapPeak implements NotificationListener {
  /** The figure of a run without a garbage collection. */
  static final long NONE = -1;

  private final Set<String> heapPools = new HashSet<>();
  /** Per collector, the collections it had done before the run; notifications of those are ignored. */
  private final Map<String, Long> before = new HashMap<>();
  private final long baseline;
  private final long collectionsBefore;
  private long maxAfterGc = Long.MIN_VALUE;
  private long seen;

  private HeapPeak() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    System.gc();
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      before.put(collector.getName(), collector.getCollectionCount());
    }
    this.collectionsBefore = collections();
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        used += pool.getUsage().getUsed();
      }
    }
    this.baseline = used;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) collector).addNotificationListener(this, null, null);
    }
  }

  /** Collects garbage, takes the baseline and starts watching collections. */
  static HeapPeak start() {
    return new HeapPeak();
  }

  private static long collections() {
    long count = 0;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, collector.getCollectionCount());
    }
    return count;
  }

  @Override
  public void handleNotification(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    final GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    if (info.getGcInfo().getId() <= before.getOrDefault(info.getGcName(), Long.MAX_VALUE)) {
      return;
    }
    long used = 0;
    for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        used += pool.getValue().getUsed();
      }
    }
    synchronized (this) {
      maxAfterGc = Math.max(maxAfterGc, used);
      seen++;
      notifyAll();
    }
  }

  /**
   * Stops watching and returns the peak in bytes above the baseline, or {@link #NONE} if no collection ran. Waits
   * (up to a second) for the notifications of the collections that happened, as they arrive on another thread.
   */
  long stop() {
    final long happened = collections() - collectionsBefore;
    final long deadline = System.currentTimeMillis() + 1000;
    synchronized (this) {
      while (seen < happened && System.currentTimeMillis() < deadline) {
        try {
          wait(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      try {
        ((NotificationEmitter) collector).removeNotificationListener(this);
      } catch (ListenerNotFoundException e) {
        // Not registered on this one: nothing to remove.
      }
    }
    synchronized (this) {
      return happened <= 0 || maxAfterGc == Long.MIN_VALUE ? NONE : Math.max(0, maxAfterGc - baseline);
    }
  }
}
