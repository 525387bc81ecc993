package io.funnellake.cli;

import io.funnellake.config.FunnelConfig;
import io.funnellake.report.Report;
import io.funnellake.report.ReportSettings;
import java.io.File;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code funnel report}: the funnel at a glance, as one HTML file that opens offline. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write a self-contained HTML report of the published gold tables: weekly scorecard,"
          + " funnel and stage conversion, conversion by source, stage velocity, SLA compliance"
          + " and capacity by rep, disqualification reasons, attribution across models, the"
          + " latest scoring backtest. Charts are inline SVG; no network needed to open it.",
      "The nightly run writes the same report after each publication (report.enabled)."
    })
public final class ReportCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "File to write (default: <lakehouse>/<report.folder>/funnel-report-<run date>.html).")
  String out;

  @Override
  public Integer call() {
    FunnelConfig config = configOptions.load();
    String target = out == null || out.contains("://") ? out : new File(out).getAbsolutePath();
    String written =
        SparkJob.run(
            config,
            "report",
            lakehouse ->
                Report.write(lakehouse, ReportSettings.of(config), config.runDate(), target));
    System.out.println("Report written to " + written);
    return 0;
  }
}
