package io.funnellake.ingest;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.funnellake.contract.Entity;
import io.funnellake.ingest.read.RawColumns;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.publish.FailPoints;
import io.funnellake.publish.RunLog;
import java.util.ArrayList;
import java.util.List;

/**
 * Undoes what a dead or failed run left half-done. A load counts only once its ingest log entries
 * are committed; before that its bronze and quarantine rows are removed so the files are read again
 * cleanly. Silver needs no undo: re-applying the same records is idempotent under the version
 * order. Unpublished gold is invisible anyway (see {@link io.funnellake.publish.Publications}).
 */
public final class Recovery {
  private final Lakehouse lakehouse;
  private final RunLog runLog;
  private final IngestLog ingestLog;

  public Recovery(Lakehouse lakehouse) {
    this.lakehouse = lakehouse;
    this.runLog = new RunLog(lakehouse);
    this.ingestLog = new IngestLog(lakehouse);
  }

  /** Recovers runs left {@code running} by a dead process; returns their ids. */
  public List<String> recoverDeadRuns(String currentRunId) {
    List<String> dead = runLog.runningExcept(currentRunId);
    for (String runId : dead) {
      rollBackUncommittedLoad(runId);
      runLog.finish(
          runId,
          RunLog.ABORTED,
          "process ended without finishing; recovered by " + currentRunId,
          List.of(),
          java.util.Map.of(),
          null);
    }
    return dead;
  }

  /** Removes a load's bronze and quarantine rows unless its ingest log entries were committed. */
  public List<String> rollBackUncommittedLoad(String loadId) {
    List<String> cleaned = new ArrayList<>();
    if (ingestLog.committed(loadId)) {
      return cleaned;
    }
    for (Entity e : Entity.values()) {
      if (lakehouse.exists(Lakehouse.BRONZE, e.table())) {
        DeltaTable.forPath(lakehouse.spark(), lakehouse.path(Lakehouse.BRONZE, e.table()))
            .delete(col(RawColumns.LOAD_ID).equalTo(loadId));
        cleaned.add("bronze." + e.table());
      }
    }
    FailPoints.check("after_rollback_bronze");
    if (lakehouse.exists(Lakehouse.OPS, Quarantine.TABLE)) {
      DeltaTable.forPath(lakehouse.spark(), lakehouse.path(Lakehouse.OPS, Quarantine.TABLE))
          .delete(col("load_id").equalTo(loadId));
      cleaned.add("ops." + Quarantine.TABLE);
    }
    return cleaned;
  }
}
