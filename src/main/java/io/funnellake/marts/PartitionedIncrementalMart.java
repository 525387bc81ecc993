package io.funnellake.marts;

import io.funnellake.config.FunnelConfig;
import io.funnellake.contract.Entity;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * An aggregate whose output rows fall into partitions (e.g. one {@code dimension_key}, a
 * combination of lead dimensions) such that a partition's rows are a function of the rows of the
 * keys (leads) in it and of the settings only. The nightly run then rebuilds only the partitions
 * that a changed key was in at the last build or is in now, and keeps every other partition's rows
 * (see {@code publish.IncrementalBuild}); the result equals a full build.
 *
 * <p>The contract, which the equality tests check: a key moves to another partition or changes its
 * rows only when its rows in {@link #keySources()} change, or a row of a {@link #relatedSources()}
 * that {@link #keysOf} maps to it does; {@link #build} reads the per-key tables ({@link
 * #partitionTable()} and {@link #keyTables()}) through {@link MartContext#table}, and an output
 * row's {@link #outputPartition} is the partition of the keys it aggregates.
 */
public interface PartitionedIncrementalMart extends IncrementalMart {
  /** A silver table written earlier in the run with each key's partition (key, partition). */
  String partitionTable();

  /** The partition column of {@link #partitionTable()}. */
  String partition();

  /** The other silver tables the build reads, each with the key column. */
  List<String> keyTables();

  /** The partition of an output row, computed from its columns. */
  Column outputPartition(FunnelConfig config);

  /** Silver entities without the key column whose changed rows change some keys' rows. */
  List<Entity> relatedSources();

  /** The keys (one column named {@link #key()}) that changed rows of a related source change. */
  Dataset<Row> keysOf(Entity related, Dataset<Row> changedRows, MartContext ctx);
}
