package io.funnellake.marts.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.when;

import io.funnellake.errors.Errors;
import io.funnellake.marts.scoring.Variant.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A challenger learned from history: logistic regression (Spark MLlib, L2, standardised features)
 * whose features are the rules of the compared variants (fit rules 0/1; behaviour rules the number
 * of matching events at or before t0, capped and decayed as the rule says, with the model's
 * half-life instead of the variant's). The result is itself a variant (kind {@code logistic}: the
 * rules with learned log-odds as points, and the intercept), so it is scored, recorded and re-run
 * exactly like a hand-written one.
 *
 * <p>Training uses only leads whose outcome window closed before the cutoff (time-based split); the
 * backtest then evaluates every variant on the leads after it.
 */
public final class LearnedChallenger {
  /** The learned variant and what it was trained on. */
  public record Trained(Variant variant, long trainingLeads, long trainingOutcomes) {}

  private LearnedChallenger() {}

  /**
   * The rules of the variants as features, each once: a rule defined identically in two variants is
   * one feature; two different rules with the same id are told apart by the variant id.
   */
  static List<Rule> features(List<Variant> variants, boolean behaviour) {
    Map<String, Rule> byDefinition = new LinkedHashMap<>();
    Map<String, String> idToDefinition = new LinkedHashMap<>();
    for (Variant v : variants) {
      if (v.isLogistic()) {
        continue;
      }
      for (Rule r : behaviour ? v.behaviour() : v.fit()) {
        String def = r.conditions() + "|" + r.maxCount() + "|" + r.withinDays();
        if (byDefinition.containsKey(def)) {
          continue;
        }
        String id = r.id();
        if (idToDefinition.containsKey(id) || idToDefinition.containsKey(v.id() + "_" + id)) {
          id = v.id() + "_" + id;
        }
        idToDefinition.put(id, def);
        byDefinition.put(def, r.withId(id).withPoints(1.0));
      }
    }
    return new ArrayList<>(byDefinition.values());
  }

  /**
   * Trains the learned variant.
   *
   * @param training labelled leads before the cutoff: {@code lead_id, decision_at, is_outcome} and
   *     the fit fields
   * @param champion the champion: with threshold {@code match_champion}, the learned variant's
   *     threshold is the score at which it makes as many MQLs on the training leads as the champion
   */
  public static Trained train(
      List<Variant> variants,
      Variant champion,
      Dataset<Row> training,
      Dataset<Row> events,
      ScoringSettings.Model model) {
    List<Rule> fit = features(variants, false);
    List<Rule> behaviour = features(variants, true);
    List<Rule> all = new ArrayList<>(fit);
    all.addAll(behaviour);
    if (all.isEmpty()) {
      throw Errors.modelNotTrainable("the compared variants have no rules to use as features");
    }
    Variant featureVariant =
        new Variant(
            "_features",
            null,
            Variant.Kind.RULES,
            0,
            model.halfLifeDays(),
            List.of(new Variant.Band("all", null, null)),
            fit,
            behaviour,
            0,
            "features");
    List<String> ids = all.stream().map(Rule::id).toList();
    Dataset<Row> long_ =
        PointInTimeScoring.contributions(List.of(featureVariant), training, events);
    Dataset<Row> wide =
        long_
            .groupBy("lead_id")
            .pivot("rule_id", new ArrayList<Object>(ids))
            .agg(first(col("points").cast("double")));
    Dataset<Row> data =
        training
            .select(col("lead_id"), when(col("is_outcome"), 1.0).otherwise(0.0).as("label"))
            .join(wide, "lead_id", "left")
            .na()
            .fill(0.0, ids.toArray(new String[0]));
    Row counts =
        data.groupBy()
            .agg(
                org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1)),
                org.apache.spark.sql.functions.sum("label"))
            .head();
    long n = counts.getLong(0);
    double positives = n == 0 ? 0 : counts.getDouble(1);
    if (positives == 0 || positives == n) {
      throw Errors.modelNotTrainable(
          n + " training leads with " + (long) positives + " outcomes: both classes are needed");
    }
    Dataset<Row> assembled =
        new VectorAssembler()
            .setInputCols(ids.toArray(new String[0]))
            .setOutputCol("features")
            .transform(data);
    LogisticRegressionModel lr =
        new LogisticRegression()
            .setRegParam(model.regParam())
            .setElasticNetParam(0.0)
            .setMaxIter(model.maxIter())
            .setStandardization(true)
            .setFitIntercept(true)
            .fit(assembled);
    double[] coef = lr.coefficients().toArray();
    List<Rule> learnedFit = new ArrayList<>();
    List<Rule> learnedBehaviour = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      Rule r = all.get(i).withPoints(round6(coef[i]));
      (i < fit.size() ? learnedFit : learnedBehaviour).add(r);
    }
    Variant learned =
        new Variant(
            model.id(),
            "Logistic regression on " + all.size() + " rule features, trained on " + n + " leads",
            Variant.Kind.LOGISTIC,
            50,
            model.halfLifeDays(),
            model.bands(),
            learnedFit,
            learnedBehaviour,
            round6(lr.intercept()),
            "learned");
    double threshold =
        model.threshold() != null
            ? model.threshold()
            : matchChampion(learned, champion, training, events, n);
    return new Trained(withThreshold(learned, threshold), n, (long) positives);
  }

  /** The learned score at which as many training leads are MQL as under the champion. */
  private static double matchChampion(
      Variant learned, Variant champion, Dataset<Row> training, Dataset<Row> events, long n) {
    long championMql =
        PointInTimeScoring.score(List.of(champion), training, events).filter(col("is_mql")).count();
    if (championMql == 0) {
      return 100 - 1e-6;
    }
    Dataset<Row> learnedScores = PointInTimeScoring.score(List.of(learned), training, events);
    double q = 1 - (double) championMql / n;
    double t = learnedScores.stat().approxQuantile("score", new double[] {q}, 0.0)[0];
    return Math.min(100 - 1e-6, Math.max(1e-6, round6(t)));
  }

  private static Variant withThreshold(Variant v, double threshold) {
    return new Variant(
        v.id(),
        v.description(),
        v.kind(),
        threshold,
        v.halfLifeDays(),
        v.bands(),
        v.fit(),
        v.behaviour(),
        v.intercept(),
        v.source());
  }

  static double round6(double v) {
    return Stats.round(v, 6);
  }
}
