package io.funnellake.publish;

import static org.apache.spark.sql.functions.col;

import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.lakehouse.Lakehouse.TableState;
import io.funnellake.marts.IncrementalMart;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.PartitionedIncrementalMart;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Plans the build of an {@link IncrementalMart}. Every write of such a mart records a watermark in
 * its Delta commit ({@code userMetadata}): a fingerprint of the mart's settings, code and pseudonym
 * key, and the Delta id and version of each key source it read. The next build reads the keys of
 * the source rows changed since those versions (Delta change data feed) and rebuilds only them: the
 * new table is the previous rows of every other key plus the rebuilt keys' rows, which equals a
 * full build because a key's rows depend on its own source rows only.
 *
 * <p>A {@link PartitionedIncrementalMart} (an aggregate) also records the version of its partition
 * table. Its next build finds the partitions the changed keys were in then (that version, read back
 * in time) and are in now, rebuilds those partitions from their keys' rows and keeps the rows of
 * every other partition: their keys, and so their rows, did not change.
 *
 * <p>It builds in full instead when there is nothing to start from or the watermark cannot be
 * trusted: first build, {@code funnel.marts.incremental = false}, the last commit not written by
 * this class (a manual write, a restore), fingerprint changed, a source created, re-created ({@code
 * --full-refresh}) or gone, a source's change feed off for the versions since, changes or the
 * partition table's last version unreadable (vacuumed), or the output columns changed. When no
 * source changed, the table is left as it is.
 */
public final class IncrementalBuild {
  static final String TAG = "funnel-incremental/1";

  /** How the table is brought up to date. */
  public enum Mode {
    FULL,
    INCREMENTAL,
    UNCHANGED
  }

  /** What to write: {@code rows} (null when unchanged), the commit's {@code metadata}, and why. */
  public record Plan(Mode mode, Dataset<Row> rows, String metadata, String reason) {}

  private final Lakehouse lakehouse;
  private final boolean enabled;

  public IncrementalBuild(Lakehouse lakehouse, boolean enabled) {
    this.lakehouse = lakehouse;
    this.enabled = enabled;
  }

  public Plan plan(IncrementalMart m, MartContext ctx) {
    if (m instanceof PartitionedIncrementalMart p) {
      return planPartitions(p, ctx);
    }
    Map<String, TableState> now = states(m.keySources());
    String fingerprint = fingerprint(m, ctx);
    Map<String, String> previous =
        parse(enabled ? lakehouse.lastCommitMetadata(m.layer(), m.name()) : null);
    String why = fullBuildReason(m, fingerprint, now, previous);
    if (why != null) {
      return full(m, ctx, fingerprint, now, why);
    }
    Dataset<Row> keys;
    long count;
    try {
      keys = changedKeys(m, ctx, m.keySources(), now, previous);
      count = keys == null ? 0 : keys.distinct().count();
    } catch (Exception e) { // Spark's own exceptions are checked ones, thrown unchecked
      // e.g. a feed that does not cover the range (files vacuumed): the sources cannot say
      return full(m, ctx, fingerprint, now, "changes unreadable: " + firstLine(e));
    }
    if (count == 0) {
      return new Plan(Mode.UNCHANGED, null, null, "no source row changed");
    }
    Dataset<Row> changedKeys = keys.distinct();
    MartContext onlyChanged = ctx;
    for (Entity e : m.keySources()) {
      onlyChanged =
          onlyChanged.withTable(
              Lakehouse.SILVER + "." + e.table(),
              ctx.silver(e).join(changedKeys, m.key(), "left_semi"));
    }
    Dataset<Row> rebuilt = m.build(onlyChanged);
    Dataset<Row> before = lakehouse.read(m.layer(), m.name());
    if (!sameColumns(before, rebuilt)) {
      return full(m, ctx, fingerprint, now, "output columns changed");
    }
    Dataset<Row> rows = before.join(changedKeys, m.key(), "left_anti").unionByName(rebuilt);
    return new Plan(
        Mode.INCREMENTAL,
        rows,
        watermark(fingerprint, Mode.INCREMENTAL, count, now, count + " changed keys"),
        count + " changed keys");
  }

  /**
   * A {@link PartitionedIncrementalMart}: the changed keys as above, then the partitions they were
   * in at the last build (the partition table at the version that build recorded, read back in
   * time) or are in now; those partitions are rebuilt from their keys' rows, all others kept.
   */
  private Plan planPartitions(PartitionedIncrementalMart m, MartContext ctx) {
    // this run's version (reading it waits for its build); recorded for the next build's look-back
    Dataset<Row> partitionsNow = ctx.table(Lakehouse.SILVER, m.partitionTable());
    TableState partitionState = lakehouse.state(Lakehouse.SILVER, m.partitionTable());
    List<Entity> sources = new ArrayList<>(m.keySources());
    sources.addAll(m.relatedSources());
    Map<String, TableState> now = states(sources);
    Map<String, TableState> recorded = new LinkedHashMap<>(now);
    recorded.put(m.partitionTable(), partitionState);
    String fingerprint = fingerprint(m, ctx);
    Map<String, String> previous =
        parse(enabled ? lakehouse.lastCommitMetadata(m.layer(), m.name()) : null);
    String why = fullBuildReason(m, fingerprint, now, previous);
    long was = -1;
    if (why == null) {
      String[] idVersion = String.valueOf(previous.get(m.partitionTable())).split("@");
      was = idVersion.length == 2 ? parseVersion(idVersion[1]) : -1;
      if (was < 0 || partitionState == null || !idVersion[0].equals(partitionState.id())) {
        why = "the last build's " + Lakehouse.SILVER + "." + m.partitionTable() + " is unknown";
      }
    }
    if (why != null) {
      return full(m, ctx, fingerprint, recorded, why);
    }
    Dataset<Row> partitions;
    long count;
    try {
      Dataset<Row> keys = changedKeys(m, ctx, sources, now, previous);
      if (keys == null) {
        return new Plan(Mode.UNCHANGED, null, null, "no source row changed");
      }
      Dataset<Row> changed = keys.distinct();
      partitions =
          lakehouse
              .read(Lakehouse.SILVER, m.partitionTable(), was)
              .join(changed, m.key(), "left_semi")
              .select(m.partition())
              .union(partitionsNow.join(changed, m.key(), "left_semi").select(m.partition()))
              .distinct();
      // a night's few are computed once, then broadcast to the joins below, not recomputed
      List<Row> few = partitions.limit(LOCAL_PARTITIONS + 1).collectAsList();
      if (few.size() <= LOCAL_PARTITIONS) {
        count = few.size();
        partitions = lakehouse.spark().createDataFrame(few, partitions.schema());
      } else {
        count = partitions.count();
      }
    } catch (Exception e) { // also the look-back: a version whose files were vacuumed
      return full(m, ctx, fingerprint, recorded, "changes unreadable: " + firstLine(e));
    }
    if (count == 0) {
      return new Plan(Mode.UNCHANGED, null, null, "no changed key is in any partition");
    }
    Dataset<Row> keysIn = partitionsNow.join(partitions, m.partition(), "left_semi");
    MartContext only = ctx.withTable(Lakehouse.SILVER + "." + m.partitionTable(), keysIn);
    for (String t : m.keyTables()) {
      only =
          only.withTable(
              Lakehouse.SILVER + "." + t,
              ctx.table(Lakehouse.SILVER, t).join(keysIn.select(m.key()), m.key(), "left_semi"));
    }
    Dataset<Row> rebuilt = m.build(only);
    Dataset<Row> before = lakehouse.read(m.layer(), m.name());
    if (!sameColumns(before, rebuilt)) {
      return full(m, ctx, fingerprint, recorded, "output columns changed");
    }
    String mark = "_rebuilt_partition";
    Dataset<Row> kept =
        before
            .withColumn(mark, m.outputPartition(ctx.config()))
            .join(partitions.select(col(m.partition()).as(mark)), mark, "left_anti")
            .drop(mark);
    String what = count + " " + m.partition() + " partitions";
    return new Plan(
        Mode.INCREMENTAL,
        kept.unionByName(rebuilt),
        watermark(fingerprint, Mode.INCREMENTAL, count, recorded, what),
        what);
  }

  /** At most this many rebuilt partitions are held on the driver (8 bytes each, or so). */
  static final int LOCAL_PARTITIONS = 200_000;

  private Map<String, TableState> states(List<Entity> sources) {
    Map<String, TableState> now = new LinkedHashMap<>();
    for (Entity e : sources) {
      now.put(e.table(), lakehouse.state(Lakehouse.SILVER, e.table()));
    }
    return now;
  }

  /**
   * The keys of the source rows changed since the watermark (null when none changed), through
   * {@link PartitionedIncrementalMart#keysOf} for sources without the key column.
   */
  private Dataset<Row> changedKeys(
      IncrementalMart m,
      MartContext ctx,
      List<Entity> sources,
      Map<String, TableState> now,
      Map<String, String> previous) {
    Dataset<Row> keys = null;
    for (Entity e : sources) {
      TableState is = now.get(e.table());
      if (is == null) {
        continue; // absent then and now (checked before)
      }
      long from = parseVersion(previous.get(e.table()).split("@")[1]) + 1;
      if (from <= is.version()) {
        Dataset<Row> rows = lakehouse.changes(Lakehouse.SILVER, e.table(), from, is.version());
        Dataset<Row> changed =
            m instanceof PartitionedIncrementalMart p && !m.keySources().contains(e)
                ? p.keysOf(e, rows, ctx)
                : rows.select(m.key());
        keys = keys == null ? changed : keys.union(changed);
      }
    }
    return keys;
  }

  /** Names and types (stored columns are all nullable, so nullability does not count). */
  private static boolean sameColumns(Dataset<Row> before, Dataset<Row> rebuilt) {
    return before.schema().catalogString().equals(rebuilt.schema().catalogString());
  }

  private Plan full(
      IncrementalMart m,
      MartContext ctx,
      String fingerprint,
      Map<String, TableState> now,
      String why) {
    return new Plan(Mode.FULL, m.build(ctx), watermark(fingerprint, Mode.FULL, -1, now, why), why);
  }

  /** Why the previous build cannot be continued, or null when it can. */
  private String fullBuildReason(
      IncrementalMart m,
      String fingerprint,
      Map<String, TableState> now,
      Map<String, String> previous) {
    if (!enabled) {
      return "funnel.marts.incremental = false";
    }
    if (!lakehouse.exists(m.layer(), m.name())) {
      return "first build";
    }
    if (previous == null) {
      return "last commit has no watermark (not written by an incremental build)";
    }
    if (!fingerprint.equals(previous.get("fingerprint"))) {
      return "settings, code or pseudonym key changed";
    }
    for (Map.Entry<String, TableState> e : now.entrySet()) {
      String table = Lakehouse.SILVER + "." + e.getKey();
      String was = previous.get(e.getKey());
      TableState is = e.getValue();
      if (was == null) {
        return "watermark has no " + table;
      }
      if (was.equals(ABSENT) || is == null) {
        if (!was.equals(ABSENT) || is != null) {
          return table + (is == null ? " is gone" : " was created since");
        }
        continue;
      }
      String[] idVersion = was.split("@");
      if (idVersion.length != 2 || !idVersion[0].equals(is.id())) {
        return table + " was re-created";
      }
      long version = parseVersion(idVersion[1]);
      if (version < 0 || version > is.version()) {
        return table + " version " + idVersion[1] + " is not in its history";
      }
      if (version < is.version() && !is.changeFeed()) {
        return table + " records no row changes (change data feed off)";
      }
    }
    return null;
  }

  private static final String ABSENT = "-";
  private static final String REASON = " | ";

  /** The commit's metadata: the watermark, then after {@code " | "} why this mode, for people. */
  static String watermark(
      String fingerprint, Mode mode, long keys, Map<String, TableState> sources, String why) {
    StringBuilder b = new StringBuilder(TAG);
    b.append(" fingerprint=").append(fingerprint);
    b.append(" mode=").append(mode.name().toLowerCase());
    b.append(" keys=").append(keys < 0 ? "all" : Long.toString(keys));
    sources.forEach(
        (e, s) ->
            b.append(' ')
                .append(e)
                .append('=')
                .append(s == null ? ABSENT : s.id() + "@" + s.version()));
    return b.append(REASON).append(why).toString();
  }

  /** The watermark's fields, or null when {@code metadata} is not one. */
  static Map<String, String> parse(String metadata) {
    if (metadata == null || !metadata.startsWith(TAG + " ")) {
      return null;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    int reason = metadata.indexOf(REASON);
    String watermark = reason < 0 ? metadata : metadata.substring(0, reason);
    for (String token : watermark.substring(TAG.length() + 1).split(" ")) {
      int eq = token.indexOf('=');
      if (eq <= 0) {
        return null;
      }
      fields.put(token.substring(0, eq), token.substring(eq + 1));
    }
    return fields;
  }

  private static long parseVersion(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Settings, code and pseudonym key: what a key's rows depend on besides its source rows. */
  static String fingerprint(IncrementalMart m, MartContext ctx) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    update(sha, m.layer() + "." + m.name());
    update(sha, m.settings(ctx.config()));
    update(sha, ctx.pseudonyms().keyId());
    for (Class<?> c : m.logic()) {
      String resource = "/" + c.getName().replace('.', '/') + ".class";
      try (InputStream in = c.getResourceAsStream(resource)) {
        // code that cannot be read cannot be compared: never continue such a build
        sha.update(in == null ? UUID.randomUUID().toString().getBytes() : in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + resource, e);
      }
    }
    return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
  }

  private static void update(MessageDigest sha, String s) {
    sha.update(String.valueOf(s).getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
