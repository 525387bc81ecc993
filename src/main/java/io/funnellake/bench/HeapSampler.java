package io.funnellake.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the used heap every 50 ms while a step runs. In local mode the driver JVM holds every
 * executor too, so this is the whole job's heap. A sampled peak can miss a spike shorter than the
 * interval; it never over-reports.
 */
final class HeapSampler implements AutoCloseable {
  private static final long INTERVAL_MS = 50;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peak = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  private HeapSampler() {
    thread = new Thread(this::sample, "bench-heap-sampler");
    thread.setDaemon(true);
  }

  /** Starts sampling after a GC, so one step's garbage does not count against the next. */
  static HeapSampler start() {
    System.gc();
    HeapSampler s = new HeapSampler();
    s.thread.start();
    return s;
  }

  private void sample() {
    while (running) {
      peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      try {
        Thread.sleep(INTERVAL_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  long peakMb() {
    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    return peak.get() / (1024 * 1024);
  }

  static long maxHeapMb() {
    return Runtime.getRuntime().maxMemory() / (1024 * 1024);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
