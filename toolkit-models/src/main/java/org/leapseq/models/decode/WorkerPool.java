// SPDX-License-Identifier: Apache-2.0
package org.leapseq.models.decode;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.leapseq.core.LeapseqException;

/**
 * Shares a range of independent work items among a few daemon threads, for the many short parallel sections of a
 * decoding step (a 512x512 product takes ~10 us, less than one executor hand-off). Workers spin briefly after each
 * task, so the next section of the same step starts without a wake-up, then park. The calling thread takes the
 * last share itself. One caller at a time (others wait on a lock). The thread count is the system property
 * {@code leapseq.threads}, else {@code OMP_NUM_THREADS} (the setting ND4J follows), else the available processors.
 */
final class WorkerPool {
  /** A share of the work: items {@code [from, to)}. */
  @FunctionalInterface
  interface Body {
    void run(int from, int to);
  }

  private static final long SPIN_NANOS = 200_000;
  private static final WorkerPool SHARED = new WorkerPool(defaultThreads());

  private final Worker[] workers;
  private final AtomicInteger pending = new AtomicInteger();
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Throwable failure;

  private WorkerPool(int threads) {
    workers = new Worker[Math.max(0, threads - 1)];
    for (int i = 0; i < workers.length; i++) {
      workers[i] = new Worker("leapseq-decode-" + (i + 1));
      workers[i].start();
    }
  }

  /** The process-wide pool. */
  static WorkerPool shared() {
    return SHARED;
  }

  /** Threads that take part, the caller included. */
  int threads() {
    return workers.length + 1;
  }

  /**
   * Runs body over [0, n) on up to {@link #threads()} threads, which take chunks of {@code grain} items (rounded up
   * to a multiple of {@code align}) from a shared counter until none are left, so a thread that starts late or
   * runs slower takes fewer; returns when all items are done.
   */
  void forRange(int n, int grain, int align, Body body) {
    int chunk = Math.max(1, (Math.max(1, grain) + align - 1) / align * align);
    int chunks = (n + chunk - 1) / chunk;
    int helpers = Math.min(workers.length, chunks - 1);
    boolean nested = Thread.currentThread() instanceof Worker || lock.isHeldByCurrentThread();
    if (helpers <= 0 || nested) {      // a body that shares work again runs it itself
      if (n > 0) {
        body.run(0, n);
      }
      return;
    }
    lock.lock();
    try {
      failure = null;
      AtomicInteger next = new AtomicInteger();
      Runnable share = () -> {
        for (int lo = next.getAndAdd(chunk); lo < n; lo = next.getAndAdd(chunk)) {
          body.run(lo, Math.min(n, lo + chunk));
        }
      };
      pending.set(helpers);
      for (int p = 0; p < helpers; p++) {
        workers[p].post(share);
      }
      Throwable own = null;
      try {
        share.run();
      } catch (RuntimeException | Error e) {
        own = e;
        next.set(n);   // the others stop at their next chunk
      }
      while (pending.get() != 0) {
        Thread.onSpinWait();
      }
      Throwable t = own != null ? own : failure;
      if (t instanceof RuntimeException r) {
        throw r;
      }
      if (t instanceof Error e) {
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  private static int defaultThreads() {
    Integer prop = Integer.getInteger("leapseq.threads");
    if (prop != null) {
      if (prop < 1) {
        throw new LeapseqException("-Dleapseq.threads must be at least 1, got " + prop);
      }
      return prop;
    }
    String omp = System.getenv("OMP_NUM_THREADS");
    if (omp != null && omp.matches("[1-9][0-9]*")) {
      return Integer.parseInt(omp);
    }
    return Runtime.getRuntime().availableProcessors();
  }

  private final class Worker extends Thread {
    private volatile long posted;
    private volatile boolean parked;
    private long seen;
    private Runnable task;

    Worker(String name) {
      super(name);
      setDaemon(true);
    }

    void post(Runnable t) {
      task = t;
      posted = posted + 1;      // volatile write publishes the task
      if (parked) {
        LockSupport.unpark(this);
      }
    }

    @Override
    public void run() {
      while (true) {
        long deadline = System.nanoTime() + SPIN_NANOS;
        while (posted == seen) {
          if (System.nanoTime() > deadline) {
            parked = true;
            if (posted == seen) {
              LockSupport.park(this);
            }
            parked = false;
          } else {
            Thread.onSpinWait();
          }
        }
        seen = posted;
        try {
          task.run();
        } catch (RuntimeException | Error e) {
          failure = e;
        } finally {
          pending.decrementAndGet();
        }
      }
    }
  }
}
