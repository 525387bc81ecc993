package io.funnellake.publish;

import io.funnellake.errors.Errors;
import java.util.concurrent.locks.LockSupport;

/**
 * Named points in a run where tests inject faults. {@code FUNNEL_FAIL_AT=<point>} throws there (an
 * ordinary failure); {@code FUNNEL_HALT_AT=<point>} prints {@code FUNNEL_HALT_AT reached: <point>}
 * to stderr and then waits there for good, so that a test can {@code kill -9} the process at
 * exactly that point (nothing runs after the point: no cleanup, no shutdown hook). Both also read
 * as system properties ({@code funnel.fail_at}, {@code funnel.halt_at}). A point matches when the
 * variable equals it or is a prefix ending in ':'.
 *
 * <p>Points, in the order a nightly run passes them: {@code after_run_start}, {@code
 * after_rollback_bronze} (while undoing a dead or failed load), {@code after_recovery}; per mapping
 * {@code after_bronze:<mapping>}, {@code after_quarantine:<mapping>}, {@code
 * after_silver:<mapping>}, {@code after_mapping:<mapping>}; {@code after_ingest_log} (the load's
 * commit point), {@code after_ingest}, {@code after_quality}, {@code after_mart:<name>}, {@code
 * before_publish}, {@code after_publish_commit} (the publication is durable, the writer has not yet
 * confirmed it), {@code after_publish}, {@code after_run_log}.
 */
public final class FailPoints {
  private FailPoints() {}

  public static void check(String point) {
    String halt = setting("FUNNEL_HALT_AT", "funnel.halt_at");
    if (matches(halt, point)) {
      System.err.println("FUNNEL_HALT_AT reached: " + point);
      System.err.flush();
      waitForTheKill();
    }
    String fail = setting("FUNNEL_FAIL_AT", "funnel.fail_at");
    if (matches(fail, point)) {
      throw Errors.injectedFailure(point);
    }
  }

  /** Parks the calling thread forever; interrupts and spurious wake-ups do not end the wait. */
  private static void waitForTheKill() {
    while (true) {
      Thread.interrupted(); // a set interrupt flag would make park return at once: a busy loop
      LockSupport.park(FailPoints.class);
    }
  }

  private static boolean matches(String wanted, String point) {
    return wanted != null
        && !wanted.isEmpty()
        && (wanted.equals(point) || (wanted.endsWith(":") && point.startsWith(wanted)));
  }

  private static String setting(String env, String property) {
    String p = System.getProperty(property);
    return p != null ? p : System.getenv(env);
  }
}
