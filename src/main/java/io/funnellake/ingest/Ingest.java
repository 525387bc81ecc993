package io.funnellake.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import io.funnellake.config.FunnelConfig;
import io.funnellake.config.IngestSettings;
import io.funnellake.conform.Conform;
import io.funnellake.conform.Pseudonyms;
import io.funnellake.conform.SilverWriter;
import io.funnellake.conform.TypedColumns;
import io.funnellake.conform.Typing;
import io.funnellake.contract.ValueSets;
import io.funnellake.errors.Errors;
import io.funnellake.ingest.mapping.EntityMapping;
import io.funnellake.ingest.read.FileSummary;
import io.funnellake.ingest.read.RawColumns;
import io.funnellake.ingest.read.RawReader;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.publish.FailPoints;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Raw -> bronze -> silver for every mapping: finds the files not ingested before, reads each once,
 * appends parsed rows to bronze and rejected rows to quarantine, upserts silver, checks that every
 * file's rows read = accepted + quarantined (+ filtered by the mapping), and commits the load's
 * ingest log entries in one append at the end. Files dated after the run date wait for a later run.
 */
public final class Ingest {

  /** Explicit reprocessing of files dated in [from, to] even though they were ingested. */
  public record Options(LocalDate reprocessFrom, LocalDate reprocessTo) {
    public static final Options NONE = new Options(null, null);

    boolean reprocess(LocalDate d) {
      return reprocessFrom != null
          && d != null
          && !d.isBefore(reprocessFrom)
          && !d.isAfter(reprocessTo);
    }
  }

  /** Counts of one mapping in this load. */
  public record MappingCounts(
      String mapping,
      String entity,
      int files,
      long rowsRead,
      long rowsAccepted,
      long rowsQuarantined,
      long rowsFiltered) {}

  /** What the load did. */
  public record Result(
      List<MappingCounts> counts,
      List<String> notes,
      Map<String, Long> tableVersions,
      List<IngestLog.Entry> entries) {

    public long accepted(String entity) {
      return counts.stream()
          .filter(c -> c.entity().equals(entity))
          .mapToLong(MappingCounts::rowsAccepted)
          .sum();
    }

    public long read(String entity) {
      return counts.stream()
          .filter(c -> c.entity().equals(entity))
          .mapToLong(MappingCounts::rowsRead)
          .sum();
    }
  }

  private final Lakehouse lakehouse;
  private final FunnelConfig config;
  private final Pseudonyms pseudonyms;
  private final String loadId;
  private final Options options;
  private final IngestLog log;
  private final LandingScanner scanner;
  private final Map<String, List<String>> valueSets;

  public Ingest(
      Lakehouse lakehouse,
      FunnelConfig config,
      Pseudonyms pseudonyms,
      String loadId,
      Options options) {
    this.lakehouse = lakehouse;
    this.config = config;
    this.pseudonyms = pseudonyms;
    this.loadId = loadId;
    this.options = options;
    this.log = new IngestLog(lakehouse);
    this.scanner =
        new LandingScanner(
            lakehouse.spark().sparkContext().hadoopConfiguration(), config.landing());
    this.valueSets = ValueSets.resolve(config.stages());
  }

  public Result run(List<EntityMapping> mappings) {
    scanner.checkRoot();
    OpsTables.ensure(lakehouse);
    List<MappingCounts> counts = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<IngestLog.Entry> entries = new ArrayList<>();
    Map<String, Long> versions = new LinkedHashMap<>();
    for (EntityMapping m : mappings) {
      lakehouse.spark().sparkContext().setJobGroup("ingest", "ingest " + m.id(), false);
      MappingCounts c = ingest(m, notes, entries, versions);
      if (c != null) {
        counts.add(c);
      }
      FailPoints.check("after_mapping:" + m.id());
    }
    log.commit(entries);
    FailPoints.check("after_ingest_log");
    return new Result(counts, notes, versions, entries);
  }

  private MappingCounts ingest(
      EntityMapping m,
      List<String> notes,
      List<IngestLog.Entry> entries,
      Map<String, Long> versions) {
    var listed = scanner.scan(m);
    if (listed.isEmpty()) {
      notes.add(m.id() + ": landing folder " + m.folder() + " not found; skipped (not required)");
      return null;
    }
    List<LandingFile> files = listed.get();
    Map<String, IngestLog.Known> known =
        log.known(m.id(), files.stream().map(LandingFile::path).toList());
    IngestSettings settings = config.ingest();
    List<LandingFile> toRead = new ArrayList<>();
    int future = 0;
    for (LandingFile f : files) {
      if (f.fileDate() != null && f.fileDate().isAfter(config.runDate())) {
        future++;
        continue;
      }
      IngestLog.Known k = known.get(f.path());
      if (k == null || options.reprocess(f.fileDate())) {
        toRead.add(f);
        continue;
      }
      if (k.size() == f.size() && k.modifiedAtMillis() == f.modifiedAt().toEpochMilli()) {
        continue; // ingested before, untouched
      }
      String sum =
          Checksums.sha256(f.path(), lakehouse.spark().sparkContext().hadoopConfiguration());
      if (sum.equals(k.checksum())) {
        continue; // touched, same content
      }
      switch (settings.changedFiles()) {
        case FAIL -> throw Errors.changedFile(f.path(), k.checksum(), sum);
        case SKIP -> {
          entries.add(
              entry(
                  m,
                  f,
                  sum,
                  FileStatus.CHANGED_SKIPPED,
                  0,
                  0,
                  0,
                  0,
                  "changed since ingested; kept as loaded"));
          notes.add(m.id() + ": " + f.path() + " changed since ingested; skipped");
        }
        case REINGEST -> toRead.add(f);
      }
    }
    if (future > 0) {
      notes.add(
          m.id()
              + ": "
              + future
              + " file(s) dated after "
              + config.runDate()
              + " left for a later run");
    }
    if (toRead.isEmpty()) {
      return null;
    }
    RawReader.Result read =
        RawReader.read(
            lakehouse.spark(), m, toRead.stream().map(LandingFile::path).toList(), settings);
    try {
      return load(m, toRead, read, notes, entries, versions);
    } finally {
      read.release();
    }
  }

  private MappingCounts load(
      EntityMapping m,
      List<LandingFile> toRead,
      RawReader.Result read,
      List<String> notes,
      List<IngestLog.Entry> entries,
      Map<String, Long> versions) {
    Map<String, LandingFile> byPath = new HashMap<>();
    toRead.forEach(f -> byPath.put(f.path(), f));
    Map<String, String> dupes =
        log.ingestedChecksums(
            m.id(),
            read.summaries().stream()
                .map(FileSummary::checksum)
                .filter(c -> c != null && !c.isEmpty())
                .toList());
    Set<String> seen = new HashSet<>();
    Map<String, FileSummary> ok = new LinkedHashMap<>();
    List<FileSummary> sorted = new ArrayList<>(read.summaries());
    sorted.sort((a, b) -> a.path().compareTo(b.path()));
    for (FileSummary s : sorted) {
      LandingFile f = byPath.get(s.path());
      if (s.status().equals(FileSummary.HEADER_ERROR)) {
        throw headerError(m, s);
      }
      if (s.status().equals(FileSummary.OK)
          && (s.bytes() != f.size() || s.modifiedAt() != f.modifiedAt().toEpochMilli())) {
        throw Errors.fileChangedWhileReading(s.path());
      }
      if (s.status().equals(FileSummary.READ_ERROR)) {
        if (config.ingest().fileErrors() == io.funnellake.config.IngestSettings.FileErrors.FAIL) {
          throw Errors.fileUnreadable(s.path(), s.message(), null);
        }
        entries.add(entry(m, f, s.checksum(), FileStatus.FAILED, 0, 0, 0, 0, s.message()));
        notes.add(
            m.id()
                + ": "
                + s.path()
                + " could not be read ("
                + s.message()
                + "); skipped, retried next run");
        continue;
      }
      if (s.bytes() == 0) {
        entries.add(entry(m, f, s.checksum(), FileStatus.EMPTY, 0, 0, 0, 0, "empty file"));
        notes.add(m.id() + ": " + s.path() + " is empty; recorded");
        continue;
      }
      boolean reprocessed = options.reprocess(f.fileDate());
      String original = dupes.get(s.checksum());
      if (!reprocessed
          && ((original != null && !original.equals(s.path())) || !seen.add(s.checksum()))) {
        entries.add(
            entry(
                m,
                f,
                s.checksum(),
                FileStatus.DUPLICATE,
                0,
                0,
                0,
                0,
                "same content as " + (original != null ? original : "another file of this load")));
        notes.add(
            m.id()
                + ": "
                + s.path()
                + " duplicates "
                + (original != null ? original : "another file")
                + "; not loaded twice");
        continue;
      }
      ok.put(s.path(), s);
    }
    if (ok.isEmpty()) {
      return new MappingCounts(m.id(), m.entity().table(), 0, 0, 0, 0, 0);
    }
    Timestamp now = new Timestamp(System.currentTimeMillis());
    Dataset<Row> raw =
        read.rows()
            .filter(col(RawColumns.SOURCE_FILE).isin(ok.keySet().toArray()))
            .withColumn(RawColumns.LOAD_ID, lit(loadId))
            .withColumn(RawColumns.LOADED_AT, lit(now));
    Dataset<Row> typed = Typing.apply(raw, m, valueSets).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      failOnUnknownValues(m, typed);
      Map<String, long[]> perFile = countPerFile(typed);
      long accepted = 0;
      long quarantined = 0;
      long filtered = 0;
      for (FileSummary s : ok.values()) {
        long[] c = perFile.getOrDefault(s.path(), new long[2]);
        long total = c[0];
        long q = c[1];
        if (total != s.rows()) {
          throw Errors.accountingMismatch(
              s.path(), m.id(), s.rows() + s.filtered(), total - q, q, s.filtered());
        }
        entries.add(
            entry(
                m,
                byPath.get(s.path()),
                s.checksum(),
                FileStatus.INGESTED,
                s.rows() + s.filtered(),
                total - q,
                q,
                s.filtered(),
                options.reprocess(byPath.get(s.path()).fileDate()) ? "reprocessed" : null));
        accepted += total - q;
        quarantined += q;
        filtered += s.filtered();
      }
      Bronze.append(lakehouse, m.entity(), raw.filter(col(RawColumns.ERROR).isNull()));
      versions.put(
          "bronze." + m.entity().table(), lakehouse.version(Lakehouse.BRONZE, m.entity().table()));
      FailPoints.check("after_bronze:" + m.id());
      if (quarantined > 0) {
        Quarantine.append(lakehouse, Quarantine.rows(typed, m));
      }
      FailPoints.check("after_quarantine:" + m.id());
      if (accepted > 0) {
        long v =
            SilverWriter.upsert(
                lakehouse, m.entity(), Conform.silverRows(typed, m.entity(), config, pseudonyms));
        versions.put("silver." + m.entity().table(), v);
      }
      FailPoints.check("after_silver:" + m.id());
      return new MappingCounts(
          m.id(),
          m.entity().table(),
          ok.size(),
          accepted + quarantined + filtered,
          accepted,
          quarantined,
          filtered);
    } finally {
      typed.unpersist(false);
    }
  }

  private void failOnUnknownValues(EntityMapping m, Dataset<Row> typed) {
    if (m.unknownValues() != EntityMapping.UnknownValues.FAIL) {
      return;
    }
    List<Row> examples =
        typed
            .filter(size(col(TypedColumns.UNKNOWN_VALUES)).gt(0))
            .select(
                explode(col(TypedColumns.UNKNOWN_VALUES)).as("v"),
                col(RawColumns.SOURCE_FILE),
                col(RawColumns.ROW_NUMBER))
            .dropDuplicates("v")
            .limit(5)
            .collectAsList();
    if (examples.isEmpty()) {
      return;
    }
    String field = examples.get(0).getString(0).split("=", 2)[0];
    List<String> shown = new ArrayList<>();
    for (Row r : examples) {
      String[] kv = r.getString(0).split("=", 2);
      shown.add(
          "'" + kv[1] + "' (" + kv[0] + ", file " + r.getString(1) + " row " + r.getLong(2) + ")");
    }
    throw Errors.unknownValues(
        m.entity().table(),
        field,
        shown,
        m.mappingFile(),
        m.configKey() + ".values." + field,
        valueSets.get(m.entity().field(field).orElseThrow().valueSet()));
  }

  /** Per file: {rows, quarantined}. One row per file comes back to the driver. */
  private static Map<String, long[]> countPerFile(Dataset<Row> typed) {
    Map<String, long[]> out = new HashMap<>();
    Column rejected = when(col(TypedColumns.REJECT_REASON).isNotNull(), 1);
    for (Row r :
        typed.groupBy(RawColumns.SOURCE_FILE).agg(count(lit(1)), count(rejected)).collectAsList()) {
      out.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)});
    }
    return out;
  }

  private RuntimeException headerError(EntityMapping m, FileSummary s) {
    Map<String, String> d = s.details();
    if (d.containsKey("missing_column")) {
      return Errors.missingColumn(
          s.path(),
          d.get("missing_column"),
          m.mappingFile(),
          d.get("mapping_key"),
          List.of(d.getOrDefault("header", "").split("\\|")));
    }
    if (d.containsKey("duplicate_column")) {
      return Errors.duplicateHeaderColumn(s.path(), d.get("duplicate_column"));
    }
    return Errors.fileUnreadable(s.path(), s.message(), null);
  }

  private IngestLog.Entry entry(
      EntityMapping m,
      LandingFile f,
      String checksum,
      FileStatus status,
      long read,
      long accepted,
      long quarantined,
      long filtered,
      String message) {
    return new IngestLog.Entry(
        loadId,
        m.sourceId(),
        m.id(),
        m.entity().table(),
        f,
        checksum,
        status,
        read,
        accepted,
        quarantined,
        filtered,
        message);
  }
}
