package io.funnellake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Option handling of ./funnel backtest: everything here fails or prints before Spark starts. */
class BacktestCommandTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = FunnelMain.run(args);
      return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void helpListsTheOptions() {
    Run r = run("backtest", "--help");
    assertEquals(0, r.code());
    for (String o :
        new String[] {
          "--variants",
          "--variant-file",
          "--from",
          "--to",
          "--outcome-stage",
          "--outcome-window",
          "--decision-time",
          "--experiment-id",
          "--from-experiment",
          "--train-model",
          "--train-cutoff",
          "--replicates",
          "--seed"
        }) {
      assertTrue(r.out().contains(o), o + " in\n" + r.out());
    }
  }

  @Test
  void badOptionsFailWithTheOptionNamed() {
    Run window = run("backtest", "--outcome-window", "two weeks");
    assertEquals(FunnelMain.EXIT_USER_ERROR, window.code());
    assertTrue(
        window.err().contains("Option --outcome-window has value 'two weeks'"), window.err());
    Run decision = run("backtest", "--decision-time", "tomorrow");
    assertEquals(FunnelMain.EXIT_USER_ERROR, decision.code());
    assertTrue(
        decision
            .err()
            .contains(
                "Backtest option --decision-time = 'tomorrow': expected"
                    + " created[+N(h|d)] or stage:<stage>[+N(h|d)]"),
        decision.err());
    Run variant = run("backtest", "--variants", "champion,nope");
    assertTrue(
        variant.err().contains("[VARIANT_NOT_FOUND] No scoring variant with id 'nope'"),
        variant.err());
    Run both = run("backtest", "--from-experiment", "exp1", "--variants", "champion");
    assertTrue(both.err().contains("Option --from-experiment has value 'exp1'"), both.err());
    Run range = run("backtest", "--from", "2025-12-01", "--to", "2025-11-01");
    assertTrue(
        range.err().contains("--to = '2025-11-01': must not be before --from 2025-12-01"),
        range.err());
  }
}
