package io.funnellake.marts.scoring;

import io.funnellake.config.FunnelConfig;
import io.funnellake.errors.Errors;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Everything that decides a backtest's numbers; recorded in gold.scoring_experiments so that the
 * experiment can be re-run exactly. Defaults come from {@code funnel.scoring.backtest}; the {@code
 * with*} methods return changed copies (the CLI and notebooks use them).
 *
 * @param experimentId key of every result row ({@code [A-Za-z0-9_.-]+})
 * @param variants compared variants, the champion first (the baseline of comparisons)
 * @param trainCutoff with a learned challenger: train on leads created before it, evaluate the
 *     leads from it on; null = no learned challenger
 * @param sourceExperimentId the experiment this one re-runs, or null
 */
public record BacktestSpec(
    String experimentId,
    List<Variant> variants,
    String championId,
    Cohort cohort,
    Analysis analysis,
    LocalDate trainCutoff,
    ScoringSettings.Model model,
    String sourceExperimentId) {

  /**
   * Which leads, when they are scored and what counts as the outcome.
   *
   * @param from first creation day of the leads (reporting zone); null = the earliest lead
   * @param to last creation day; its end is the horizon; null = the run date
   * @param mqlStage the stage handed to sales, for minutes per MQL
   */
  public record Cohort(
      LocalDate from,
      LocalDate to,
      ZoneId zone,
      DecisionTime decisionTime,
      String outcomeStage,
      int outcomeWindowDays,
      String mqlStage) {}

  /** Settings of the comparisons, calibration and workload. */
  public record Analysis(
      PairedComparison.Bootstrap bootstrap,
      int mcnemarExactBelow,
      double calibrationBinWidth,
      double minutesPerMql,
      double defaultCapacityHours,
      List<String> capacityRoles) {}

  private static final Pattern EXPERIMENT_ID = Pattern.compile("[A-Za-z0-9_.-]{1,120}");

  public BacktestSpec {
    if (!EXPERIMENT_ID.matcher(experimentId).matches()) {
      throw Errors.backtestInvalid(
          "--experiment-id", experimentId, "use letters, digits, '_', '.' and '-' only");
    }
    if (variants.isEmpty()) {
      throw Errors.backtestInvalid("--variants", "", "at least one variant is needed");
    }
    List<String> seen = new ArrayList<>();
    for (Variant v : variants) {
      if (seen.contains(v.id())) {
        throw Errors.variantDuplicate(v.id(), "this backtest", v.source());
      }
      seen.add(v.id());
    }
    if (cohort.from() != null && cohort.to() != null && cohort.to().isBefore(cohort.from())) {
      throw Errors.backtestInvalid(
          "--to", cohort.to().toString(), "must not be before --from " + cohort.from());
    }
    if (cohort.outcomeWindowDays() <= 0) {
      throw Errors.backtestInvalid(
          "--outcome-window", String.valueOf(cohort.outcomeWindowDays()), "must be > 0 days");
    }
    List<Variant> ordered = new ArrayList<>();
    variants.stream().filter(v -> v.id().equals(championId)).forEach(ordered::add);
    variants.stream().filter(v -> !v.id().equals(championId)).forEach(ordered::add);
    variants = List.copyOf(ordered);
  }

  /** The configured defaults: every variant (or backtest.variants), champion first. */
  public static BacktestSpec defaults(FunnelConfig config, String experimentId) {
    ScoringSettings s = ScoringSettings.of(config);
    ScoringSettings.Backtest b = s.backtest();
    List<Variant> variants =
        b.variants().isEmpty()
            ? Variants.loadDir(s.variantsDir())
            : Variants.byIds(s.variantsDir(), b.variants());
    List<String> order = config.stages().leadOrder();
    return new BacktestSpec(
        experimentId,
        variants,
        s.champion(),
        new Cohort(
            null,
            null,
            config.reportingZone(),
            b.decisionTime(),
            b.outcomeStage(),
            b.outcomeWindowDays(),
            order.get(Math.min(1, order.size() - 1))),
        new Analysis(
            new PairedComparison.Bootstrap(b.replicates(), b.seed(), b.confidence()),
            b.mcnemarExactBelow(),
            b.calibrationBinWidth(),
            b.minutesPerMql(),
            b.defaultCapacityHours(),
            b.capacityRoles()),
        null,
        s.model(),
        null);
  }

  public BacktestSpec withExperimentId(String id) {
    return new BacktestSpec(
        id, variants, championId, cohort, analysis, trainCutoff, model, sourceExperimentId);
  }

  public BacktestSpec withVariants(List<Variant> newVariants) {
    return new BacktestSpec(
        experimentId,
        newVariants,
        championId,
        cohort,
        analysis,
        trainCutoff,
        model,
        sourceExperimentId);
  }

  /** Leads created from {@code from} to {@code to} (either may be null for the default). */
  public BacktestSpec withRange(LocalDate from, LocalDate to) {
    Cohort c =
        new Cohort(
            from,
            to,
            cohort.zone(),
            cohort.decisionTime(),
            cohort.outcomeStage(),
            cohort.outcomeWindowDays(),
            cohort.mqlStage());
    return withCohort(c);
  }

  /** Outcome stage (of funnel.stages.lead.order, checked when run) and window in days. */
  public BacktestSpec withOutcome(String stage, int windowDays) {
    Cohort c =
        new Cohort(
            cohort.from(),
            cohort.to(),
            cohort.zone(),
            cohort.decisionTime(),
            stage.toLowerCase(Locale.ROOT),
            windowDays,
            cohort.mqlStage());
    return withCohort(c);
  }

  /** Decision time in its text form, e.g. {@code created+24h} or {@code stage:mql}. */
  public BacktestSpec withDecisionTime(String text) {
    DecisionTime dt;
    try {
      dt = DecisionTime.parse(text);
    } catch (IllegalArgumentException e) {
      throw Errors.backtestInvalid("--decision-time", text, e.getMessage());
    }
    Cohort c =
        new Cohort(
            cohort.from(),
            cohort.to(),
            cohort.zone(),
            dt,
            cohort.outcomeStage(),
            cohort.outcomeWindowDays(),
            cohort.mqlStage());
    return withCohort(c);
  }

  public BacktestSpec withCohort(Cohort c) {
    return new BacktestSpec(
        experimentId, variants, championId, c, analysis, trainCutoff, model, sourceExperimentId);
  }

  /** Adds the learned challenger, trained on leads created before the cutoff. */
  public BacktestSpec withTraining(LocalDate cutoff) {
    return new BacktestSpec(
        experimentId, variants, championId, cohort, analysis, cutoff, model, sourceExperimentId);
  }

  public BacktestSpec withBootstrap(int replicates, long seed) {
    Analysis a =
        new Analysis(
            new PairedComparison.Bootstrap(replicates, seed, analysis.bootstrap().confidence()),
            analysis.mcnemarExactBelow(),
            analysis.calibrationBinWidth(),
            analysis.minutesPerMql(),
            analysis.defaultCapacityHours(),
            analysis.capacityRoles());
    return new BacktestSpec(
        experimentId, variants, championId, cohort, a, trainCutoff, model, sourceExperimentId);
  }
}
