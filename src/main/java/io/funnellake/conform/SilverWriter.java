package io.funnellake.conform;

import io.delta.tables.DeltaTable;
import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Upserts a batch into {@code silver.<entity>}: the batch is first reduced to the latest record per
 * key (an updating MERGE fails on duplicate source keys), then a MERGE updates a row only when the
 * incoming record is newer and inserts unknown keys. Re-applying the same batch changes no value.
 * Silver tables record their row changes (Delta change data feed): incremental marts read them to
 * find the keys a night changed.
 */
public final class SilverWriter {
  private SilverWriter() {}

  /** Returns the silver table's version after the write. */
  public static long upsert(Lakehouse lakehouse, Entity entity, Dataset<Row> conformed) {
    Dataset<Row> batch = Latest.latestPerKey(conformed, entity);
    String path = lakehouse.path(Lakehouse.SILVER, entity.table());
    if (!lakehouse.exists(Lakehouse.SILVER, entity.table())) {
      batch.write().format("delta").mode("errorifexists").save(path);
      lakehouse.enableChangeFeed(Lakehouse.SILVER, entity.table());
    } else {
      // a lakehouse from before change feeds: on from this write (earlier ones rebuild in full)
      lakehouse.enableChangeFeed(Lakehouse.SILVER, entity.table());
      DeltaTable.forPath(lakehouse.spark(), path)
          .as("t")
          .merge(batch.as("s"), Latest.keyCondition(entity))
          .whenMatched(Latest.newerCondition(entity))
          .updateAll()
          .whenNotMatched()
          .insertAll()
          .execute();
    }
    return lakehouse.version(Lakehouse.SILVER, entity.table());
  }
}
