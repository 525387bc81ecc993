package io.funnellake.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.funnellake.errors.FunnelException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fail points match exactly or by a prefix ending in ':'; a halt point waits for the kill. */
class FailPointsTest {
  @AfterEach
  void clear() {
    System.clearProperty("funnel.fail_at");
    System.clearProperty("funnel.halt_at");
  }

  @Test
  void aFailPointThrowsAtTheNamedPointOrAtEveryPointOfAPrefix() {
    System.setProperty("funnel.fail_at", "after_silver:");
    FailPoints.check("after_bronze:canonical/leads");
    FailPoints.check("after_silver"); // no ':' after it: not a point of the prefix
    FunnelException e =
        assertThrows(FunnelException.class, () -> FailPoints.check("after_silver:canonical/leads"));
    assertEquals("INJECTED_FAILURE", e.code());
    System.setProperty("funnel.fail_at", "before_publish");
    FailPoints.check("before_publish_x");
    assertThrows(FunnelException.class, () -> FailPoints.check("before_publish"));
  }

  @Test
  void aHaltPointKeepsTheThreadThereEvenWhenInterruptedSoNothingAfterItRuns() throws Exception {
    System.setProperty("funnel.halt_at", "after_mart:");
    AtomicBoolean passed = new AtomicBoolean();
    Thread run =
        new Thread(
            () -> {
              FailPoints.check("after_mart:leads_daily");
              passed.set(true);
            });
    run.setDaemon(true); // parked for good, as the test process's kill would find it
    run.start();
    awaitParked(run);
    run.interrupt();
    awaitParked(run);
    assertEquals(Thread.State.WAITING, run.getState());
    assertFalse(passed.get(), "the code after the halt point ran");
  }

  /** Waits until the thread parks (or ends, which the caller's assertions then report). */
  private static void awaitParked(Thread t) throws InterruptedException {
    while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TERMINATED) {
      Thread.sleep(5);
    }
    Thread.sleep(20); // an interrupt just delivered: let the loop clear it and park again
  }
}
