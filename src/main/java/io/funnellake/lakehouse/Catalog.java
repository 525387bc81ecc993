package io.funnellake.lakehouse;

import io.funnellake.publish.Publications;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import scala.Option;

/**
 * Makes lakehouse tables visible by name in the session catalog: {@code bronze.*}, {@code silver.*}
 * and {@code ops.*} as Delta tables at their locations, and {@code gold.*} as views of the versions
 * in the latest publication. Unpublished gold writes are therefore never visible by name. Call
 * {@link #register} at session start and again after a publication.
 */
public final class Catalog {
  private Catalog() {}

  public static void register(Lakehouse lakehouse) {
    SparkSession spark = lakehouse.spark();
    for (String layer : List.of(Lakehouse.BRONZE, Lakehouse.SILVER, Lakehouse.OPS)) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + layer);
      Set<String> present = new HashSet<>(lakehouse.tables(layer));
      for (String table : present) {
        String path = lakehouse.path(layer, table);
        if (!registeredAt(spark, layer, table, path)) {
          spark.sql("DROP TABLE IF EXISTS " + layer + "." + table);
          spark.sql(
              "CREATE TABLE "
                  + layer
                  + "."
                  + table
                  + " USING delta LOCATION '"
                  + escape(path)
                  + "'");
        }
      }
      dropMissing(spark, layer, present);
    }
    spark.sql("CREATE DATABASE IF NOT EXISTS " + Lakehouse.GOLD);
    Map<String, Long> published = new Publications(lakehouse).latest();
    for (Map.Entry<String, Long> e : published.entrySet()) {
      spark.sql(
          "CREATE OR REPLACE VIEW "
              + Lakehouse.GOLD
              + "."
              + e.getKey()
              + " AS SELECT * FROM delta.`"
              + lakehouse.path(Lakehouse.GOLD, e.getKey()).replace("`", "``")
              + "` VERSION AS OF "
              + e.getValue());
    }
    dropMissing(spark, Lakehouse.GOLD, published.keySet());
  }

  /** True when the name is registered and points at this location (re-pointed otherwise). */
  private static boolean registeredAt(SparkSession spark, String layer, String table, String path) {
    TableIdentifier id = new TableIdentifier(table, Option.apply(layer));
    var catalog = spark.sessionState().catalog();
    if (!catalog.tableExists(id)) {
      return false;
    }
    try {
      String location = catalog.getTableMetadata(id).location().toString();
      return location.equals(path) || location.equals("file:" + path);
    } catch (Exception e) { // Scala declares NoSuchDatabase/TableException: the name is stale
      return false;
    }
  }

  private static void dropMissing(SparkSession spark, String layer, Set<String> present) {
    for (Row r : spark.sql("SHOW TABLES IN " + layer).collectAsList()) {
      String name = r.getString(r.fieldIndex("tableName"));
      boolean temp = r.getBoolean(r.fieldIndex("isTemporary"));
      if (!temp && !present.contains(name)) {
        String kind = layer.equals(Lakehouse.GOLD) ? "VIEW" : "TABLE";
        spark.sql("DROP " + kind + " IF EXISTS " + layer + "." + name);
      }
    }
  }

  private static String escape(String path) {
    return path.replace("\\", "\\\\").replace("'", "\\'");
  }
}
