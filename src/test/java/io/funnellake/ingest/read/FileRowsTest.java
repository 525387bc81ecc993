package io.funnellake.ingest.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.funnellake.contract.Entity;
import io.funnellake.contract.ValueSets;
import io.funnellake.ingest.mapping.EntityMapping;
import io.funnellake.ingest.mapping.SourceMappings;
import io.funnellake.testing.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Column fallback lists ({@code field = ["A", "B"]}) read straight from files, without Spark. */
class FileRowsTest {
  @TempDir Path tmp;

  private EntityMapping mapping(String format) throws IOException {
    Path conf = tmp.resolve("m.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "source {",
            "  id = t",
            "  defaults {",
            "    format = " + format,
            "    files = [\"*\"], delimiter = \",\", quote = \"\\\"\", encoding = UTF-8",
            "    timestamp_formats = [\"yyyy-MM-dd\"], date_formats = [\"yyyy-MM-dd\"]",
            "    time_zone = UTC, true_values = [\"true\"], false_values = [\"false\"]",
            "    unknown_values = fail",
            "  }",
            "  entities.leads.columns {",
            "    lead_id = id, created_at = created, updated_at = created, status = status",
            "    country = [code, country.name, country]",
            "  }",
            "}"));
    var stages = TestConfigs.config(tmp, tmp, "2025-11-05").stages();
    return SourceMappings.load(conf.toString(), ValueSets.resolve(stages)).get(0);
  }

  /** Rows as {lead_id, country} pairs, then the summary's status and details. */
  private List<String> read(String format, String name, String content) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, content);
    FileRows rows = new FileRows(f.toString(), mapping(format), 100, 10_000, new Configuration());
    int fields = Entity.LEADS.fieldNames().size();
    int country = Entity.LEADS.fieldNames().indexOf("country");
    List<String> out = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      if (r.getString(fields + 7).equals(RawColumns.KIND_FILE)) {
        Map<String, String> s = r.getJavaMap(fields);
        out.add(s.get("status") + " " + s.getOrDefault("missing_column", ""));
        out.add(s.getOrDefault("mapping_key", ""));
      } else {
        out.add(r.getString(0) + "=" + r.get(country) + " " + r.getJavaMap(fields));
      }
    }
    return out;
  }

  @Test
  void csvTakesTheFirstFilledCandidateTheHeaderHas() throws IOException {
    assertEquals(
        List.of("1=US {}", "2=Germany {}", "ok ", ""),
        read(
            "csv",
            "a.csv",
            "id,created,status,code,country,note\n1,2025-11-01,lead,US,United States,\n"
                + "2,2025-11-01,lead, ,Germany,\n"));
    // a candidate absent from the header is skipped; the unmapped column stays in _extra
    assertEquals(
        List.of("1=Peru {note=x}", "ok ", ""),
        read("csv", "b.csv", "id,created,status,country,note\n1,2025-11-01,lead,Peru,x\n"));
  }

  @Test
  void csvWithoutAnyCandidateFailsNamingThemAllAndTheKey() throws IOException {
    assertEquals(
        List.of(
            "header_error code' or 'country.name' or 'country",
            "source.entities.leads.columns" + ".country"),
        read("csv", "c.csv", "id,created,status\n1,2025-11-01,lead\n"));
  }

  @Test
  void jsonTakesTheFirstNonEmptyPath() throws IOException {
    assertEquals(
        List.of("1=FR {}", "2=Chile {}", "3=null {}", "ok ", ""),
        read(
            "jsonl",
            "d.jsonl",
            "{\"id\":1,\"created\":\"2025-11-01\",\"status\":\"lead\",\"code\":\"FR\"}\n"
                + "{\"id\":2,\"created\":\"2025-11-01\",\"status\":\"lead\",\"code\":\"\","
                + "\"country\":{\"name\":\"Chile\"}}\n"
                + "{\"id\":3,\"created\":\"2025-11-01\",\"status\":\"lead\"}\n"));
  }

  /** The summary row {@link FileRows} emits after a file's rows, decoded. */
  private FileSummary summaryOf(Path f) throws IOException {
    StructType schema = RawColumns.readSchema(Entity.LEADS);
    FileRows rows = new FileRows(f.toString(), mapping("csv"), 100, 10_000, new Configuration());
    FileSummary out = null;
    while (rows.hasNext()) {
      Row r = rows.next();
      if (r.getString(schema.fieldIndex(RawColumns.KIND)).equals(RawColumns.KIND_FILE)) {
        out =
            FileRows.summary(
                r, schema.fieldIndex(RawColumns.EXTRA), schema.fieldIndex(RawColumns.SOURCE_FILE));
      }
    }
    return out;
  }

  @Test
  void aZeroByteGzipFileIsAnEmptyFileNotAReadError() throws IOException {
    // an exporter with nothing to write leaves 0 bytes whatever the name; gunzip would fail on it
    Path f = Files.write(tmp.resolve("nothing.csv.gz"), new byte[0]);
    FileSummary s = summaryOf(f);
    assertEquals(List.of("ok", "0", "0"), List.of(s.status(), "" + s.rows(), "" + s.bytes()));
  }

  @Test
  void theSummaryCarriesTheModificationTimeSeenAfterTheLastByte() throws IOException {
    // Ingest compares it with the landing scan's: a same-size rewrite during the read shows there
    Path f =
        Files.writeString(
            tmp.resolve("a.csv"), "id,created,status,country\n1,2025-11-01,lead,Peru\n");
    Files.setLastModifiedTime(f, FileTime.fromMillis(1_700_000_123_000L));
    FileSummary s = summaryOf(f);
    assertEquals(List.of("ok", "1"), List.of(s.status(), "" + s.rows()));
    assertEquals(1_700_000_123_000L, s.modifiedAt());
  }
}
