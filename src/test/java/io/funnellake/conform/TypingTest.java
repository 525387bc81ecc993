package io.funnellake.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.funnellake.config.ConfigLoader;
import io.funnellake.contract.Entity;
import io.funnellake.contract.ValueSets;
import io.funnellake.ingest.mapping.EntityMapping;
import io.funnellake.ingest.mapping.FileFormat;
import io.funnellake.ingest.mapping.Transform;
import io.funnellake.testing.TestFrames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class TypingTest {
  static final Map<String, List<String>> SETS =
      ValueSets.resolve(ConfigLoader.load(null, Map.of()).stages());

  static EntityMapping mapping(
      Entity e,
      Map<String, Map<String, String>> values,
      Map<String, Transform> transforms,
      String tz) {
    Map<String, List<String>> cols = new LinkedHashMap<>();
    e.fieldNames().forEach(f -> cols.put(f, List.of(f)));
    return new EntityMapping(
        "m.conf",
        "src",
        e.table(),
        e,
        e.table(),
        List.of(),
        false,
        FileFormat.CSV,
        ',',
        '"',
        "UTF-8",
        cols,
        true,
        values,
        Map.of(),
        null,
        null,
        List.of(),
        List.of("yyyy-MM-dd'T'HH:mm:ssXXX", "dd.MM.yyyy HH:mm", "epoch_millis"),
        List.of("yyyy-MM-dd", "MM/dd/yyyy"),
        tz,
        List.of("true", "ja"),
        List.of("false", "nein"),
        EntityMapping.UnknownValues.QUARANTINE,
        ",",
        transforms);
  }

  /** Raw reader rows: given columns as strings, the rest null, plus reader metadata. */
  static Dataset<Row> raw(Entity e, String header, String... lines) {
    Dataset<Row> s = TestFrames.strings(header, lines);
    List<String> given = List.of(header.split(header.contains("|") ? "\\|" : ","));
    List<String> exprs = new java.util.ArrayList<>();
    for (String f : e.fieldNames()) {
      exprs.add(given.contains(f) ? f : "cast(null as string) " + f);
    }
    exprs.addAll(
        List.of(
            "cast(null as map<string,string>) _extra",
            "'src' _source",
            "'m' _mapping",
            "'file.csv' _source_file",
            "monotonically_increasing_id() _row_number",
            "'raw' _raw",
            given.contains("_error") ? "_error" : "cast(null as string) _error",
            "'row' _kind"));
    return s.selectExpr(exprs.toArray(new String[0]));
  }

  @Test
  void timestampsDatesNumbersAndBooleansParseWithTheMappingsFormatsAndZone() {
    var m =
        mapping(
            Entity.OPPORTUNITIES,
            Map.of("stage", Map.of("won it", "closed_won")),
            Map.of(),
            "Europe/Berlin");
    var out =
        Typing.apply(
                raw(
                    Entity.OPPORTUNITIES,
                    "opportunity_id|created_at|updated_at|close_date|stage|amount|is_won",
                    "O1|2025-11-04T10:00:00+01:00|04.11.2025 10:00|11/30/2025| Won It |1,234.50|ja",
                    "O2|1762246800000|2025-11-04T09:00:00Z|2025-12-01|proposal|12|nein"),
                m,
                SETS)
            .selectExpr(
                "opportunity_id",
                "cast(created_at as string)",
                "cast(updated_at as string)",
                "close_date",
                "stage",
                "amount",
                "is_won",
                "_reject_reason");
    // 10:00 +01:00 and 10:00 Berlin wall time (CET) are both 09:00 UTC
    assertEquals(
        List.of(
            "[O1,2025-11-04 09:00:00,2025-11-04 09:00:00,2025-11-30,closed_won,1234.50,true,null]",
            "[O2,2025-11-04 09:00:00,2025-11-04 09:00:00,2025-12-01,proposal,12.00,false,null]"),
        TestFrames.sortedRows(out));
  }

  @Test
  void everyProblemOfARowIsNamedAndUnknownValuesAreListed() {
    var m = mapping(Entity.LEADS, Map.of(), Map.of(), "UTC");
    var out =
        Typing.apply(
                raw(
                    Entity.LEADS,
                    "lead_id,created_at,updated_at,status,employee_count,is_deleted",
                    ",yesterday,2025-11-04T10:00:00Z,Working,12.5,maybe",
                    "L2,2025-11-04T10:00:00Z,2025-11-04T10:00:00Z,MQL,99999999999,true"),
                m,
                SETS)
            .selectExpr("lead_id", "status", "employee_count", "_reject_reason", "_unknown_values");
    assertEquals(
        List.of(
            "[L2,mql,null,employee_count: '99999999999' is not a whole number in range,WrappedArray()]",
            "[null,null,null,lead_id: required value missing; created_at: 'yesterday' matches none of the timestamp formats [yyyy-MM-dd'T'HH:mm:ssXXX, dd.MM.yyyy HH:mm, epoch_millis]; employee_count: '12.5' is not a whole number in range; status: unknown value 'Working' (map it under source.entities.leads.values.status); is_deleted: 'maybe' is not one of [true, ja] or [false, nein],WrappedArray(status=Working)]"),
        TestFrames.sortedRows(out));
  }

  @Test
  void aReaderErrorStandsAloneAndTransformsApplyAfterParsing() {
    var m = mapping(Entity.CURRENCY_RATES, Map.of(), Map.of("rate", Transform.RECIPROCAL), "UTC");
    var rates =
        Typing.apply(
                raw(
                    Entity.CURRENCY_RATES,
                    "currency|rate_date|rate|_error",
                    "EUR|2025-11-04|0.8|",
                    "GBP|2025-11-04|0|",
                    "|||expected 4 fields as in the header, found 2"),
                m,
                SETS)
            .selectExpr("currency", "rate", "_reject_reason");
    assertEquals(
        List.of(
            "[EUR,1.25000000,null]",
            "[GBP,null,rate: '0' is not a number reciprocal can convert]",
            "[null,null,expected 4 fields as in the header, found 2]"),
        TestFrames.sortedRows(rates));
    var mins =
        mapping(
            Entity.SALES_ACTIVITIES,
            Map.of(),
            Map.of("duration_minutes", Transform.SECONDS_TO_MINUTES),
            "UTC");
    assertEquals(
        List.of("[A1,3]", "[A2,0]", "[A3,1]"),
        TestFrames.sortedRows(
            Typing.apply(
                    raw(
                        Entity.SALES_ACTIVITIES,
                        "activity_id,activity_type,activity_at,duration_minutes",
                        "A1,call,2025-11-04T10:00:00Z,150",
                        "A2,call,2025-11-04T10:00:00Z,29",
                        "A3,call,2025-11-04T10:00:00Z,30"),
                    mins,
                    SETS)
                .selectExpr("activity_id", "duration_minutes")));
  }
}
