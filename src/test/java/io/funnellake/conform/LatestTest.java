package io.funnellake.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.funnellake.contract.Entity;
import io.funnellake.testing.TestFrames;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatestTest {
  @Test
  void laterVersionWinsThenLaterLoadFileAndRowAndNullVersionsLose() {
    var rows =
        TestFrames.strings(
                "lead_id,updated_at,_load_id,_source_file,_row_number,status",
                "A,2025-11-04 10:00:00,L2,f1,1,older-in-later-load",
                "A,2025-11-05 10:00:00,L1,f1,9,newest",
                "B,2025-11-04 10:00:00,L1,f1,2,tie-earlier-row",
                "B,2025-11-04 10:00:00,L1,f1,3,tie-later-row",
                "C,,L2,f2,1,no-version",
                "C,2025-11-01 00:00:00,L1,f1,4,has-version",
                "D,2025-11-04 10:00:00,L1,f2,1,later-file",
                "D,2025-11-04 10:00:00,L1,f1,5,earlier-file",
                "E,2025-11-04 10:00:00,L2,a,1,later-load",
                "E,2025-11-04 10:00:00,L1,z,1,earlier-load")
            .selectExpr(
                "lead_id",
                "cast(updated_at as timestamp) updated_at",
                "_load_id",
                "_source_file",
                "cast(_row_number as long) _row_number",
                "status");
    assertEquals(
        List.of(
            "[A,newest]",
            "[B,tie-later-row]",
            "[C,has-version]",
            "[D,later-file]",
            "[E,later-load]"),
        TestFrames.sortedRows(Latest.latestPerKey(rows, Entity.LEADS).select("lead_id", "status")));
  }

  @Test
  void mergeConditionsUseTheSameOrder() {
    assertEquals(
        "(s.updated_at > t.updated_at OR (t.updated_at IS NULL AND s.updated_at IS NOT NULL) OR"
            + " (s.updated_at <=> t.updated_at AND (s._load_id > t._load_id OR (s._load_id ="
            + " t._load_id AND (s._source_file > t._source_file OR (s._source_file = t._source_file"
            + " AND s._row_number > t._row_number))))))",
        Latest.newerCondition(Entity.LEADS));
    assertEquals(
        "s.lead_id = t.lead_id AND s.changed_at = t.changed_at AND s.status = t.status",
        Latest.keyCondition(Entity.LEAD_STATUS_HISTORY));
  }
}
