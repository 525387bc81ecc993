package io.funnellake.cli;

import io.funnellake.config.FunnelConfig;
import io.funnellake.config.Settings;
import io.funnellake.lakehouse.Maintenance;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code funnel maintenance}: OPTIMIZE and VACUUM every lakehouse table, with guards. */
@Command(
    name = "maintenance",
    mixinStandardHelpOptions = true,
    description = {
      "Compact small files (OPTIMIZE) and delete unreferenced files (VACUUM) in every table.",
      "Refuses a retention below funnel.maintenance.min_retention_hours, and never vacuums the",
      "files of a published gold version. Schedule it weekly, outside the nightly window."
    })
public final class MaintenanceCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--retention-hours",
      paramLabel = "H",
      description = "Retention for VACUUM (default funnel.maintenance.retention_hours).")
  Double retentionHours;

  @Option(names = "--no-optimize", description = "Skip OPTIMIZE.")
  boolean noOptimize;

  @Option(names = "--no-vacuum", description = "Skip VACUUM.")
  boolean noVacuum;

  @Override
  public Integer call() {
    FunnelConfig config = configOptions.load();
    Settings m = config.section("maintenance");
    double retention = retentionHours != null ? retentionHours : m.number("retention_hours");
    double minimum = m.number("min_retention_hours");
    List<Maintenance.TableResult> results =
        SparkJob.run(
            config,
            "maintenance",
            lh -> new Maintenance(lh).run(retention, minimum, !noOptimize, !noVacuum));
    for (Maintenance.TableResult r : results) {
      System.out.printf(
          "%-48s optimize=%s vacuum=%s%n",
          r.table(), r.optimized() ? "done" : "skipped", r.vacuum());
    }
    return 0;
  }
}
