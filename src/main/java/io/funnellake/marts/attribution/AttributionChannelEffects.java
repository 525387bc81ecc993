package io.funnellake.marts.attribution;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.DefinedMart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gold.attribution_channel_effects}: the channel values of the data-driven models, computed
 * on the driver from the distinct channel paths of closed opportunities ({@link Journeys}): Markov
 * removal effects ({@link MarkovChain}), exact Shapley values and leave-one-out ({@link
 * ShapleyValues}). One row per published data-driven model and channel of a closed journey. {@link
 * AttributionTouchCredit} shares each opportunity's path among its channels by these values.
 *
 * <p>Only the path aggregate reaches the driver, bounded by {@code
 * funnel.attribution.max_distinct_paths} (default 200000) rows of at most {@code max_path_touches}
 * (default 200) channels; past either the run fails with a clear error. Logs one line with the
 * number of distinct paths and one solve time per model.
 */
public final class AttributionChannelEffects extends DefinedMart {
  public static final String NAME = "attribution_channel_effects";

  public AttributionChannelEffects() {
    super(
        Lakehouse.GOLD,
        NAME,
        List.of("model", "channel"),
        "Markov removal effects, exact Shapley and leave-one-out values per channel.");
  }

  private static final Logger LOG = LoggerFactory.getLogger(AttributionChannelEffects.class);

  static final StructType SCHEMA =
      new StructType()
          .add("model", DataTypes.StringType, false)
          .add("channel", DataTypes.StringType, false)
          .add("channel_value", DataTypes.DoubleType, false)
          .add("credited_conversions", DataTypes.DoubleType, false)
          .add("total_journeys", DataTypes.LongType, false)
          .add("total_conversions", DataTypes.LongType, false);

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return of(
        ctx.spark(),
        ctx.table(Lakehouse.SILVER, AttributionTouches.NAME),
        AttributionSettings.of(ctx.config()));
  }

  public static Dataset<Row> of(SparkSession spark, Dataset<Row> touches, AttributionSettings a) {
    List<Row> rows = new ArrayList<>();
    if (a.models().stream().anyMatch(Model::isChannelValued)) {
      long t0 = System.nanoTime();
      List<Journeys.Path> paths =
          Journeys.collect(
              Journeys.aggregate(touches),
              a.maxDistinctPaths(),
              a.maxPathTouches(),
              "funnel.attribution.");
      long t1 = System.nanoTime();
      rows.addAll(rows(paths, a));
      LOG.info(
          "attribution: {} distinct paths aggregated and collected in {} ms; models solved in {}"
              + " ms",
          paths.size(),
          (t1 - t0) / 1_000_000,
          (System.nanoTime() - t1) / 1_000_000);
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  /** Channel rows of the published data-driven models, on the driver. */
  static List<Row> rows(List<Journeys.Path> paths, AttributionSettings a) {
    Map<String, long[]> counts = new TreeMap<>(); // channel -> {journeys, conversions}
    long conversions = 0;
    for (Journeys.Path p : paths) {
      conversions += p.conversions();
      for (String c : new TreeSet<>(p.channels())) {
        long[] k = counts.computeIfAbsent(c, x -> new long[2]);
        k[0] += p.journeys();
        k[1] += p.conversions();
      }
    }
    List<Row> out = new ArrayList<>();
    for (Model m : a.models()) {
      if (!m.isChannelValued()) {
        continue;
      }
      long t0 = System.nanoTime();
      Map<String, Double> values =
          switch (m) {
            case MARKOV -> MarkovChain.solve(paths).removalEffects();
            case SHAPLEY ->
                ShapleyValues.exact(
                    paths, a.shapleyMaxChannels(), "funnel.attribution.shapley_max_channels");
            default -> ShapleyValues.leaveOneOut(paths);
          };
      LOG.info("attribution: {} solved in {} ms", m.value(), (System.nanoTime() - t0) / 1_000_000);
      double sum = values.values().stream().mapToDouble(Double::doubleValue).sum();
      for (Map.Entry<String, long[]> e : counts.entrySet()) {
        double value = values.getOrDefault(e.getKey(), 0.0);
        double credited = m == Model.SHAPLEY ? value : sum > 0 ? value / sum * conversions : 0.0;
        out.add(
            RowFactory.create(
                m.value(), e.getKey(), value, credited, e.getValue()[0], e.getValue()[1]));
      }
    }
    return out;
  }
}
