package io.funnellake.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.funnellake.config.FunnelConfig;
import io.funnellake.conform.Pseudonyms;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.notebook.NotebookSession;
import io.funnellake.pipeline.NightlyOptions;
import io.funnellake.pipeline.NightlyPipeline;
import io.funnellake.testing.NotebookRunner;
import io.funnellake.testing.PiiValues;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestSpark;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One nightly run on the bundled sample company, then what people read from it: the HTML report in
 * a real headless browser (Debian's chromium: the page loads offline, every chart draws, a
 * screenshot is kept in target/) and the analysts' notebooks, whose cells run against the same
 * lakehouse. CI installs chromium and sets FUNNEL_REQUIRE_BROWSER=1 so a missing browser fails
 * there; elsewhere only the browser tests are skipped.
 */
class SampleLakehouseIT {
  private static final String CHROMIUM = "/usr/bin/chromium";
  @TempDir static Path tmp;
  static Path html;

  @BeforeAll
  static void nightlyThenReport() throws IOException {
    Path landing = TestConfigs.projectDir().resolve("data/sample/landing");
    FunnelConfig config = TestConfigs.config(tmp.resolve("lakehouse"), landing, "2026-10-31");
    Lakehouse lakehouse = new Lakehouse(TestSpark.session(), config.lakehouse());
    new NightlyPipeline(lakehouse, config, NightlyOptions.DEFAULT).run();
    html = Path.of(Report.write(lakehouse, ReportSettings.of(config), config.runDate(), null));
    NotebookSession.use(lakehouse, config, new Pseudonyms(TestConfigs.KEY));
  }

  @AfterAll
  static void forget() {
    NotebookSession.clear();
  }

  private static void requireBrowser() {
    if (!new File(CHROMIUM).canExecute()) {
      if ("1".equals(System.getenv("FUNNEL_REQUIRE_BROWSER"))) {
        throw new IllegalStateException(
            CHROMIUM + " not found: install Debian's chromium package (.ci/run does).");
      }
      Assumptions.abort("chromium not installed; set FUNNEL_REQUIRE_BROWSER=1 to require it");
    }
  }

  @Test
  void theFunnelNotebookRunsAndItsCohortCheckHolds() {
    List<NotebookRunner.Cell> cells =
        NotebookRunner.run(TestConfigs.projectDir().resolve("notebooks/funnel-exploration.ipynb"));
    assertTrue(Long.parseLong(cells.get(0).value()) >= 20, "gold tables: " + cells.get(0).value());
    // no cohort row counts more entered, next-stage or censored leads than it can hold
    assertEquals("0", cells.get(cells.size() - 1).value());
    // Q3's table has a header and at least one reason
    assertTrue(cells.get(cells.size() - 2).value().split("\\\\n").length > 1);
  }

  @Test
  void theAttributionNotebookRunsAndEveryModelHandsOutTheSameRevenue() {
    List<NotebookRunner.Cell> cells =
        NotebookRunner.run(
            TestConfigs.projectDir().resolve("notebooks/attribution-comparison.ipynb"));
    assertTrue(Long.parseLong(cells.get(0).value()) >= 10, "models: " + cells.get(0).value());
    assertEquals("1", cells.get(2).value(), "distinct won-revenue totals across models");
  }

  private static String run(List<String> args) throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + tmp.resolve("chromium-profile")));
    cmd.addAll(args);
    // output to a file, so that a browser that hangs fails the test at the timeout, not CI's
    Path out = tmp.resolve("chromium.out");
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(out.toFile())
            .redirectError(tmp.resolve("chromium.err").toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("chromium did not finish in 120 s; see " + tmp.resolve("chromium.err"));
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static int attribute(String dom, String name) {
    Matcher m = Pattern.compile(name + "=\"(\\d+)\"").matcher(dom);
    assertTrue(m.find(), "no " + name + " on <body>: the page's script did not run");
    return Integer.parseInt(m.group(1));
  }

  @Test
  void everyChartDrawsInTheBrowserAndEverySectionHasData() throws Exception {
    requireBrowser();
    String dom = run(List.of("--dump-dom", html.toUri().toString()));
    int charts = attribute(dom, "data-charts");
    long required = ReportSections.all().stream().filter(s -> !s.optional()).count();
    assertTrue(charts >= required, charts + " charts for " + required + " required sections");
    assertEquals(charts, attribute(dom, "data-charts-rendered"), "charts that drew marks");
    assertTrue(!dom.contains("Not available:"), "a section found no published table");
  }

  @Test
  void aScreenshotShowsARenderedPage() throws Exception {
    requireBrowser();
    Path png = TestConfigs.projectDir().resolve("target/report-screenshot.png");
    Files.deleteIfExists(png);
    run(List.of("--screenshot=" + png, "--window-size=1200,2400", html.toUri().toString()));
    BufferedImage img = ImageIO.read(png.toFile());
    int coloured = 0;
    for (int y = 0; y < img.getHeight(); y += 4) {
      for (int x = 0; x < img.getWidth(); x += 4) {
        int rgb = img.getRGB(x, y) & 0xffffff;
        int r = rgb >> 16;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
          coloured++; // a saturated pixel: a bar or the header, not text or background
        }
      }
    }
    assertTrue(coloured > 2000, "screenshot looks empty: " + coloured + " coloured samples");
  }

  @Test
  void theReportCarriesNoPersonalData() throws Exception {
    PiiValues pii = PiiValues.fromLanding(TestConfigs.projectDir().resolve("data/sample/landing"));
    String page = Files.readString(html).toLowerCase(java.util.Locale.ROOT);
    List<String> found = new ArrayList<>();
    for (String v : pii.substrings()) {
      if (page.contains(v.toLowerCase(java.util.Locale.ROOT))) {
        found.add(v);
      }
    }
    for (String v : pii.fullNames()) {
      if (page.contains(v.toLowerCase(java.util.Locale.ROOT))) {
        found.add(v);
      }
    }
    assertTrue(found.isEmpty(), "personal data in the report: " + found);
  }
}
