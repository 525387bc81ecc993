package io.funnellake.cli;

import io.funnellake.config.FunnelConfig;
import io.funnellake.errors.Errors;
import io.funnellake.serve.Credentials;
import io.funnellake.serve.JdbcServer;
import io.funnellake.serve.ServeSettings;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code funnel serve}: the JDBC endpoint for BI tools, until interrupted. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the lakehouse over JDBC (Spark Thrift server) until stopped.",
      "Tables as in `funnel sql`: gold.* (published), silver.*, bronze.*, ops.*.",
      "URL jdbc:hive2://127.0.0.1:10000/default",
      "Driver org.apache.hive.jdbc.HiveDriver (Maven org.apache.hive:hive-jdbc).",
      "Binds 127.0.0.1 unless funnel.serve.host says otherwise; any other",
      "address needs a credential store (funnel.serve.credentials), whose",
      "lines --hash-password prints."
    })
public final class ServeCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;

  @Option(names = "--host", paramLabel = "ADDRESS", description = "Override funnel.serve.host.")
  String host;

  @Option(names = "--port", paramLabel = "PORT", description = "Override funnel.serve.port.")
  Integer port;

  @Option(
      names = "--hash-password",
      paramLabel = "USER",
      description = {
        "Print a credential store line for USER and exit. The password is read from",
        "the terminal, or from the first line of standard input."
      })
  String hashUser;

  @Override
  public Integer call() {
    if (hashUser != null) {
      char[] password = readPassword();
      try {
        System.out.println(Credentials.entry(hashUser, password));
      } finally {
        Arrays.fill(password, '\0');
      }
      return 0;
    }
    if (host != null) {
      configOptions.overrides.put("serve.host", "\"" + host + "\"");
    }
    if (port != null) {
      configOptions.overrides.put("serve.port", port.toString());
    }
    FunnelConfig config = configOptions.load();
    // checked before Spark starts: a refused bind address costs nothing
    ServeSettings settings = ServeSettings.parse(config);
    SparkJob.run(
        config,
        "serve",
        lakehouse -> {
          CountDownLatch stopped = new CountDownLatch(1);
          try (JdbcServer server = JdbcServer.start(lakehouse, settings)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            System.out.println(
                "funnel serve: listening on "
                    + server.jdbcUrl()
                    + (settings.authenticated()
                        ? " (logins checked against " + settings.credentials() + ")"
                        : " (no authentication: loopback only)")
                    + "; driver org.apache.hive.jdbc.HiveDriver. Stop with Ctrl-C.");
            System.out.flush();
            stopped.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return null;
        });
    return 0;
  }

  private static char[] readPassword() {
    Console console = System.console();
    if (console != null) {
      char[] first = console.readPassword("Password: ");
      char[] again = console.readPassword("Repeat password: ");
      if (first == null || !Arrays.equals(first, again)) {
        throw Errors.badOption("--hash-password", "(password)", "the same password twice");
      }
      Arrays.fill(again, '\0');
      return first;
    }
    try {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return line == null ? new char[0] : line.toCharArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
