package io.funnellake.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.publish.Publications;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestSpark;
import io.funnellake.testing.TinyLakehouse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly job on a real Spark standalone cluster: a master and a one-core worker started on
 * 127.0.0.1 from the project's classpath (target/launcher-classpath.txt: Spark and the libraries;
 * provided scope alone lacks scala-library, which delta pulls in at compile scope), the job
 * submitted with spark-submit and the app jar, as jobs/spark-submit/funnel-submit does. Its
 * published gold tables must equal the local run's.
 */
class StandaloneClusterIT {
  static final Path PROJECT = TestConfigs.projectDir();
  static final Path TARGET = PROJECT.resolve("target");
  // bounds that only a broken cluster reaches; they keep a failure from hanging the build
  static final long START_SECONDS = 90;
  static final long JOB_SECONDS = 300;

  @TempDir static Path tmp;
  static final List<Process> processes = new ArrayList<>();
  static Path clusterLakehouse;
  static Path workDir;
  static double clusterSeconds;

  @BeforeAll
  static void runOnCluster() throws Exception {
    String sparkClasspath = Files.readString(TARGET.resolve("launcher-classpath.txt")).trim();
    String opens = Files.readString(TARGET.resolve("classes/funnel-jvm.options")).trim();
    Path appJar;
    try (Stream<Path> jars = Files.list(TARGET)) {
      appJar =
          jars.filter(p -> p.getFileName().toString().endsWith("-app.jar"))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("run mvn package first: no app jar"));
    }
    Path sparkHome = fakeSparkHome(sparkClasspath);
    workDir = Files.createDirectories(tmp.resolve("work"));
    clusterLakehouse = tmp.resolve("cluster-lakehouse");
    int port = freePort();
    String master = "spark://127.0.0.1:" + port;
    Map<String, String> env =
        Map.of(
            "SPARK_HOME",
            sparkHome.toString(),
            // the worker's executor command builder needs it outside a Spark build tree
            "SPARK_SCALA_VERSION",
            "2.12",
            "SPARK_LOCAL_IP",
            "127.0.0.1",
            "FUNNEL_HOME",
            PROJECT.toString());

    start(
        "master",
        env,
        java(
            "-Xmx256m",
            opens,
            sparkClasspath,
            "org.apache.spark.deploy.master.Master",
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--webui-port",
            "0"));
    awaitPort(port);
    Process worker =
        start(
            "worker",
            env,
            java(
                "-Xmx256m",
                opens,
                sparkClasspath,
                "org.apache.spark.deploy.worker.Worker",
                "--host",
                "127.0.0.1",
                "--cores",
                "1",
                "--memory",
                "1g",
                "--webui-port",
                "0",
                "--work-dir",
                workDir.toString(),
                master));
    awaitLog(worker, tmp.resolve("worker.log"), "Successfully registered with master");

    List<String> submit =
        java(
            // warnings only from the driver; master, worker and executor log at Spark's INFO
            "-Xmx1g -Dlog4j2.configurationFile=" + PROJECT.resolve("conf/log4j2.properties"),
            opens,
            sparkClasspath,
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            master,
            "--deploy-mode",
            "client",
            "--class",
            "io.funnellake.cli.FunnelMain",
            "--name",
            "funnel-nightly",
            "--executor-memory",
            "512m",
            "--total-executor-cores",
            "1",
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--conf",
            "spark.driver.bindAddress=127.0.0.1",
            "--conf",
            "spark.ui.enabled=false",
            appJar.toString(),
            "nightly",
            "--config",
            PROJECT.resolve("conf/local.conf").toString(),
            "--lakehouse",
            clusterLakehouse.toString(),
            "--landing",
            TinyLakehouse.LANDING.toString(),
            "--run-date",
            TinyLakehouse.RUN_DATE,
            "--set",
            "pseudonym.key=\"" + TestConfigs.KEY + "\"",
            "--set",
            "marts.only=" + TestConfigs.FOUNDATION_MARTS,
            "--set",
            "report.enabled=false");
    long t0 = System.nanoTime();
    Process driver = start("driver", env, submit);
    if (!driver.waitFor(JOB_SECONDS, TimeUnit.SECONDS)) {
      fail("spark-submit did not finish in " + JOB_SECONDS + " s\n" + tail("driver"));
    }
    clusterSeconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(0, driver.exitValue(), "spark-submit failed\n" + tail("driver"));
  }

  @AfterAll
  static void stopCluster() throws InterruptedException {
    // newest first: driver, worker (which ends its executors), master
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process p = processes.get(i);
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void everyPublishedGoldTableEqualsTheLocalRunRowForRow() {
    Lakehouse local = TinyLakehouse.get();
    Lakehouse cluster = new Lakehouse(TestSpark.session(), clusterLakehouse.toString());
    System.out.printf(
        "StandaloneClusterIT: nightly on the cluster %.1f s (spark-submit wall time, 1 executor"
            + " core); local run in the test JVM %.1f s%n",
        clusterSeconds, TinyLakehouse.buildSeconds());
    Map<String, Long> expected = new Publications(local).latest();
    Map<String, Long> got = new Publications(cluster).latest();
    assertFalse(expected.isEmpty());
    assertEquals(expected.keySet(), got.keySet(), "the same gold tables are published");
    for (String table : expected.keySet()) {
      Dataset<Row> want = local.read(Lakehouse.GOLD, table, expected.get(table));
      Dataset<Row> have = cluster.read(Lakehouse.GOLD, table, got.get(table));
      assertEquals(want.schema(), have.schema(), table);
      assertEquals(want.count(), have.count(), table);
      assertEquals(0, want.exceptAll(have).count(), table + ": rows only in the local run");
      assertEquals(0, have.exceptAll(want).count(), table + ": rows only in the cluster run");
    }
  }

  @Test
  void theWorkRanInAnExecutorOnTheWorker() throws IOException {
    try (Stream<Path> apps = Files.list(workDir)) {
      List<Path> stderr =
          apps.filter(p -> p.getFileName().toString().startsWith("app-"))
              .flatMap(StandaloneClusterIT::executorLogs)
              .toList();
      assertEquals(1, stderr.size(), "one application with one executor: " + stderr);
      assertTrue(
          Files.readString(stderr.get(0)).contains("Running task"),
          "the executor ran tasks:\n" + tail(stderr.get(0)));
    }
  }

  private static Stream<Path> executorLogs(Path app) {
    try {
      return Files.walk(app)
          .filter(p -> p.getFileName().toString().equals("stderr"))
          .toList()
          .stream();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** SPARK_HOME/jars as the worker's executor command builder expects: links to the jars. */
  private static Path fakeSparkHome(String classpath) throws IOException {
    Path jars = Files.createDirectories(tmp.resolve("spark-home/jars"));
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      Path jar = Path.of(entry);
      Path link = jars.resolve(jar.getFileName());
      if (entry.endsWith(".jar") && !Files.exists(link)) {
        Files.createSymbolicLink(link, jar);
      }
    }
    return jars.getParent();
  }

  private static List<String> java(String jvm, String opens, String cp, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList(jvm.split("\\s+")));
    cmd.addAll(Arrays.asList(opens.split("\\s+")));
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Duser.timezone=UTC");
    cmd.add("-cp");
    cmd.add(cp);
    cmd.addAll(Arrays.asList(args));
    return cmd;
  }

  private static Process start(String name, Map<String, String> env, List<String> cmd)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true);
    pb.redirectOutput(tmp.resolve(name + ".log").toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  private static void awaitPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException e) {
        Thread.sleep(250);
      }
    }
    fail("the master did not listen on " + port + "\n" + tail("master"));
  }

  private static void awaitLog(Process p, Path log, String line) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (Files.readString(log, StandardCharsets.ISO_8859_1).contains(line)) {
        return;
      }
      Thread.sleep(250);
    }
    fail("no '" + line + "' from the worker\n" + tail(log) + "\n" + tail("master"));
  }

  private static String tail(String name) {
    return tail(tmp.resolve(name + ".log"));
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
      return log
          + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return log + ": " + e;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
