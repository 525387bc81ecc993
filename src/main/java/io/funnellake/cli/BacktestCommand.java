package io.funnellake.cli;

import static org.apache.spark.sql.functions.col;

import io.funnellake.config.FunnelConfig;
import io.funnellake.conform.PseudonymKeys;
import io.funnellake.conform.Pseudonyms;
import io.funnellake.errors.Errors;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.scoring.BacktestRunner;
import io.funnellake.marts.scoring.BacktestSpec;
import io.funnellake.marts.scoring.BacktestTables;
import io.funnellake.marts.scoring.ScoringSettings;
import io.funnellake.marts.scoring.Variant;
import io.funnellake.marts.scoring.Variants;
import java.io.File;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code funnel backtest}: compares scoring variants on history (docs/scoring.md). */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description = {
      "Backtest scoring variants on the lakehouse's history, point in time.",
      "Scores every lead created in the date range at its decision time from events at or",
      "before it, labels whether it reached the outcome stage within the window, compares the",
      "variants (precision, recall, F1, ROC-AUC, PR-AUC, deciles, bands, calibration, sales",
      "hours vs capacity, McNemar, paired bootstrap) and publishes the results to",
      "gold.scoring_* keyed by the experiment id, with the Delta versions of every input read.",
      "Defaults come from funnel.scoring.backtest."
    })
public final class BacktestCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--variants",
      split = ",",
      paramLabel = "ID[,ID...]",
      description = "Variant ids from funnel.scoring.variants_dir (default: all; champion first).")
  List<String> variantIds = new ArrayList<>();

  @Option(
      names = "--variant-file",
      paramLabel = "FILE",
      description = "A variant file outside variants_dir (repeatable), e.g. a draft.")
  List<File> variantFiles = new ArrayList<>();

  @Option(
      names = "--from",
      paramLabel = "yyyy-MM-dd",
      description = "First creation day of the leads (default: the earliest lead).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "yyyy-MM-dd",
      description = "Last creation day; outcomes are observed until its end (default: run date).")
  String to;

  @Option(
      names = "--outcome-stage",
      paramLabel = "STAGE",
      description = "Label = reached this stage of funnel.stages.lead.order (default: sql).")
  String outcomeStage;

  @Option(
      names = "--outcome-window",
      paramLabel = "DAYS",
      description = "...within this many days after the decision time (default: 30; 30d also).")
  String outcomeWindow;

  @Option(
      names = "--decision-time",
      paramLabel = "SPEC",
      description = "created[+N(h|d)] or stage:<stage>[+N(h|d)] (default: created+24h).")
  String decisionTime;

  @Option(
      names = "--train-model",
      description = "Add the learned challenger (logistic regression) trained before the cutoff.")
  boolean trainModel;

  @Option(
      names = "--train-cutoff",
      paramLabel = "yyyy-MM-dd",
      description =
          "Train on leads created before this day, evaluate from it (needs"
              + " --train-model; default: two thirds into the range).")
  String trainCutoff;

  @Option(
      names = "--replicates",
      paramLabel = "N",
      description = "Paired bootstrap replicates (default: 200; 0 = no intervals).")
  Integer replicates;

  @Option(names = "--seed", paramLabel = "N", description = "Bootstrap seed.")
  Long seed;

  @Option(
      names = "--experiment-id",
      paramLabel = "ID",
      description = "Key of the results (default: exp-<run id>); an existing id is replaced.")
  String experimentId;

  @Option(
      names = "--from-experiment",
      paramLabel = "ID",
      description =
          "Re-run a published experiment exactly: its variants, parameters and input"
              + " Delta versions (time travel). Other backtest options are not allowed with it.")
  String fromExperiment;

  @Override
  public Integer call() {
    FunnelConfig config = configOptions.load();
    String id = experimentId != null ? experimentId : BacktestRunner.newExperimentId();
    BacktestSpec spec = fromExperiment == null ? spec(config, id) : null;
    if (fromExperiment != null && changesTheSpec()) {
      throw Errors.badOption(
          "--from-experiment",
          fromExperiment,
          "no variant, range, outcome, decision-time,"
              + " training or bootstrap option with it: the experiment's own are used");
    }
    BacktestRunner.Outcome o =
        SparkJob.run(
            config,
            "backtest",
            lakehouse -> {
              Pseudonyms p =
                  PseudonymKeys.resolve(
                      config.pseudonym(),
                      lakehouse.root(),
                      lakehouse.spark().sparkContext().hadoopConfiguration());
              BacktestRunner runner = new BacktestRunner(lakehouse, config, p);
              BacktestRunner.Outcome out =
                  fromExperiment != null ? runner.rerun(fromExperiment, id) : runner.run(spec);
              print(out, lakehouse, System.out);
              return out;
            });
    return o == null ? 1 : 0;
  }

  private boolean changesTheSpec() {
    return !variantIds.isEmpty()
        || !variantFiles.isEmpty()
        || from != null
        || to != null
        || outcomeStage != null
        || outcomeWindow != null
        || decisionTime != null
        || trainModel
        || trainCutoff != null
        || replicates != null
        || seed != null;
  }

  private BacktestSpec spec(FunnelConfig config, String id) {
    BacktestSpec spec = BacktestSpec.defaults(config, id);
    ScoringSettings s = ScoringSettings.of(config);
    if (!variantIds.isEmpty() || !variantFiles.isEmpty()) {
      List<Variant> vs = new ArrayList<>(Variants.byIds(s.variantsDir(), variantIds));
      variantFiles.forEach(f -> vs.add(Variants.load(f)));
      spec = spec.withVariants(vs);
    }
    LocalDate f = date("--from", from);
    LocalDate t = date("--to", to);
    spec = spec.withRange(f, t);
    if (outcomeStage != null || outcomeWindow != null) {
      spec =
          spec.withOutcome(
              outcomeStage != null ? outcomeStage : spec.cohort().outcomeStage(),
              outcomeWindow != null ? days(outcomeWindow) : spec.cohort().outcomeWindowDays());
    }
    if (decisionTime != null) {
      spec = spec.withDecisionTime(decisionTime);
    }
    if (trainCutoff != null && !trainModel) {
      throw Errors.badOption("--train-cutoff", trainCutoff, "--train-model with it");
    }
    if (trainModel) {
      LocalDate cutoff = date("--train-cutoff", trainCutoff);
      if (cutoff == null) {
        if (f == null) {
          throw Errors.badOption("--train-model", "", "--train-cutoff, or --from to derive it");
        }
        LocalDate end = t != null ? t : config.runDate();
        cutoff = f.plusDays((end.toEpochDay() - f.toEpochDay()) * 2 / 3);
      }
      spec = spec.withTraining(cutoff);
    }
    if (replicates != null || seed != null) {
      spec =
          spec.withBootstrap(
              replicates != null ? replicates : spec.analysis().bootstrap().replicates(),
              seed != null ? seed : spec.analysis().bootstrap().seed());
    }
    return spec;
  }

  private static LocalDate date(String option, String value) {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw Errors.badOption(option, value, "a date as yyyy-MM-dd");
    }
  }

  private static int days(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      int d = Integer.parseInt(v.endsWith("d") ? v.substring(0, v.length() - 1) : v);
      if (d > 0) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Errors.badOption("--outcome-window", value, "a number of days > 0, e.g. 30 or 30d");
  }

  /** Prints a run's cohort counts, metrics and comparisons (CSV tables) and its figures. */
  public static void print(BacktestRunner.Outcome o, Lakehouse lakehouse, PrintStream out) {
    var c = o.result().counts();
    out.println(
        "experiment "
            + o.experimentId()
            + " (run "
            + o.runId()
            + ", publication "
            + o.publicationSeq()
            + ")");
    out.println("inputs: " + o.inputVersions());
    out.println(
        "leads in range "
            + c.inRange()
            + ": labelled "
            + c.labelled()
            + ", censored "
            + c.censored()
            + ", no decision time "
            + c.noDecision()
            + ", outcome before it "
            + c.outcomeBeforeDecision()
            + "; fit attributes changed after t0: "
            + c.fitNotPointInTime());
    out.println();
    // one row per variant and one per pair: bounded
    SqlCommand.print(
        written(o, lakehouse, BacktestTables.METRICS)
            .select(
                "variant_id",
                "total_mql",
                "precision",
                "recall",
                "f1_score",
                "roc_auc",
                "pr_auc",
                "sales_hours_per_month",
                "capacity_utilisation_rate")
            .orderBy("variant_id"),
        out);
    out.println();
    SqlCommand.print(
        written(o, lakehouse, BacktestTables.COMPARISONS)
            .select(
                "variant_a",
                "variant_b",
                "mcnemar_p_value",
                "mcnemar_method",
                "roc_auc_diff",
                "roc_auc_diff_ci_low",
                "roc_auc_diff_ci_high",
                "precision_diff",
                "precision_diff_ci_low",
                "precision_diff_ci_high"),
        out);
    out.println();
    out.println("tables: " + o.tablesWritten().keySet() + " (gold, published)");
    out.println("wall time " + o.wallMs() + " ms");
    out.flush();
  }

  /** The experiment's rows of a table as written (the cached frames are released by then). */
  private static Dataset<Row> written(
      BacktestRunner.Outcome o, Lakehouse lakehouse, BacktestTables.Table t) {
    return lakehouse
        .read(Lakehouse.GOLD, t.name(), o.tablesWritten().get(t.name()))
        .filter(col("experiment_id").equalTo(o.experimentId()));
  }
}
