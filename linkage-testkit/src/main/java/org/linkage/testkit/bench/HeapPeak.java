package org.linkage.testkit.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Peak heap in use while a piece of work runs, measured two ways at once and the larger kept:
 * a daemon thread samples {@code MemoryMXBean.getHeapMemoryUsage().getUsed()} every few
 * milliseconds, and a GC listener adds the heap in use just before each collection (from the
 * collector's {@code GcInfo}), which is the high-water mark the sampler is most likely to miss.
 *
 * <p>"In use" includes garbage not yet collected, so the figure depends on {@code -Xmx} and the
 * collector: it is the heap the work needed with this JVM, not its live set. Not thread-safe: one
 * measurement at a time.
 */
final class HeapPeak implements AutoCloseable {
  private static final long SAMPLE_MILLIS = 5;

  private final AtomicLong peak = new AtomicLong();
  private final Thread sampler;
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener;
  private volatile boolean running = true;

  private HeapPeak() {
    var memory = ManagementFactory.getMemoryMXBean();
    Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    listener = (Notification n, Object handback) -> {
      if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
        return;
      }
      var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
      long before = 0;
      for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
        if (heapPools.contains(e.getKey())) {
          before += e.getValue().getUsed();
        }
      }
      peak.accumulateAndGet(before, Math::max);
    };
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
    peak.set(memory.getHeapMemoryUsage().getUsed());
    sampler = new Thread(() -> {
      while (running) {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(SAMPLE_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-peak-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Collects garbage (so earlier work does not count), then starts measuring. */
  static HeapPeak start() {
    collectGarbage();
    return new HeapPeak();
  }

  /** Heap in use after a full collection: roughly the live set. */
  static long liveAfterGc() {
    collectGarbage();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void collectGarbage() {
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
  }

  /** The peak so far, in bytes. */
  long peakBytes() {
    peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
    return peak.get();
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(listener);
      } catch (javax.management.ListenerNotFoundException ignored) {
        // already gone: nothing to undo
      }
    }
  }
}
