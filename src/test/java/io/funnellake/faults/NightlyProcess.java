package io.funnellake.faults;

import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code funnel nightly} in a JVM of its own, started the way the launcher starts it (the Java 17
 * flags of {@code target/classes/funnel-jvm.options}, the local profile), so that it can be killed
 * for real. Output goes to a log file beside the lakehouse for diagnosis.
 */
final class NightlyProcess {
  /** Exit code of a process ended by SIGKILL (128 + 9). */
  static final int KILLED = 137;

  private final Process process;
  private final Path log;

  /** Where this process's output starts in the shared log. */
  private final long from;

  private final long startedAt = System.nanoTime();

  private NightlyProcess(Process process, Path log, long from) {
    this.process = process;
    this.log = log;
    this.from = from;
  }

  /**
   * Starts {@code nightly} on the lakehouse and landing for a run date.
   *
   * @param haltAt a fail point to wait at for the kill ({@code FUNNEL_HALT_AT}), or null to run to
   *     the end
   */
  static NightlyProcess start(
      Path lakehouse, Path landing, String runDate, String haltAt, Path log, String... set) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC"));
    cmd.addAll(jvmOptions());
    Path home = TestConfigs.projectDir();
    cmd.add("-Dfunnel.home=" + home);
    cmd.add("-Dlog4j2.configurationFile=" + home.resolve("conf/log4j2.properties"));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
    cmd.addAll(List.of("io.funnellake.cli.FunnelMain", "nightly"));
    cmd.addAll(List.of("--lakehouse", lakehouse.toString(), "--landing", landing.toString()));
    cmd.addAll(List.of("--run-date", runDate, "--set", "pseudonym.key=" + TestConfigs.KEY));
    cmd.addAll(List.of("--set", "spark.master=local[2]"));
    cmd.addAll(List.of("--set", "marts.only=" + TestConfigs.FOUNDATION_MARTS));
    cmd.addAll(List.of("--set", "spark.conf.\"spark.sql.shuffle.partitions\"=2"));
    // tiny data: interpreted plans start faster; the kill points and what recovery must undo do
    // not depend on it
    TestSpark.INTERPRETED.forEach(
        (k, v) -> cmd.addAll(List.of("--set", "spark.conf.\"" + k + "\"=" + v)));
    for (String s : set) {
      cmd.addAll(List.of("--set", s));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().remove("FUNNEL_HALT_AT");
    pb.environment().remove("FUNNEL_FAIL_AT");
    pb.environment().put("FUNNEL_HOME", home.toString());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    if (haltAt != null) {
      pb.environment().put("FUNNEL_HALT_AT", haltAt);
    }
    try {
      Files.writeString(
          log,
          "\n=== " + runDate + (haltAt == null ? "" : " halt at " + haltAt) + "\n",
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      return new NightlyProcess(pb.start(), log, Files.size(log));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> jvmOptions() {
    Path options = TestConfigs.projectDir().resolve("target/classes/funnel-jvm.options");
    try {
      return Arrays.stream(Files.readString(options).trim().split("\\s+"))
          .filter(s -> !s.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Build the project first: " + options + " is missing", e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits until the process reports that it waits at its halt point, or ends; true if it waits.
   * Polls the log file: the line is the last the process writes.
   */
  boolean awaitHaltPoint(String point) {
    String marker = "FUNNEL_HALT_AT reached: " + point;
    while (process.isAlive()) {
      if (ownOutput().contains(marker)) {
        return true;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return false;
  }

  /** SIGKILL, as the scheduler's timeout or the OOM killer would. */
  void kill() {
    process.destroyForcibly();
  }

  /** Waits for the end (a safety limit only: a hung run fails the test instead of the build). */
  int waitFor() {
    try {
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("nightly did not end within 10 minutes; see " + log);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Path log() {
    return log;
  }

  long elapsedMillis() {
    return (System.nanoTime() - startedAt) / 1_000_000;
  }

  /** This process's output so far. */
  String ownOutput() {
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(log.toFile(), "r")) {
      byte[] b = new byte[(int) Math.max(0, f.length() - from)];
      f.seek(from);
      f.readFully(b);
      return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The output so far of this and of the earlier runs that logged to the same file. */
  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
