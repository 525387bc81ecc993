package io.funnellake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FunnelMainTest {
  @Test
  void everySubcommandHasHelpAndBadUsageExitsWith64() {
    for (String sub : new picocli.CommandLine(new FunnelMain()).getSubcommands().keySet()) {
      if (!sub.equals("help")) {
        assertEquals(0, FunnelMain.run(sub, "--help"), sub + " --help");
      }
    }
    assertEquals(FunnelMain.EXIT_USAGE, FunnelMain.run("nightly", "--no-such-option"));
    assertEquals(FunnelMain.EXIT_USAGE, FunnelMain.run("sql"));
  }

  @Test
  void userErrorsExitWith2() {
    assertEquals(
        FunnelMain.EXIT_USER_ERROR,
        FunnelMain.run(
            "nightly", "--reprocess-from", "2025-11-04", "--config", "/nonexistent.conf"));
    assertEquals(
        FunnelMain.EXIT_USER_ERROR, FunnelMain.run("nightly", "--config", "/nonexistent.conf"));
    // refused before any Spark starts: an open address without a credential store
    assertEquals(FunnelMain.EXIT_USER_ERROR, FunnelMain.run("serve", "--host", "0.0.0.0"));
  }

  @Test
  void csvQuotingFollowsRfc4180() {
    assertEquals("plain", SqlCommand.csv("plain"));
    assertEquals("\"a,b\"", SqlCommand.csv("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", SqlCommand.csv("say \"hi\""));
    assertEquals("\"two\nlines\"", SqlCommand.csv("two\nlines"));
  }
}
