package io.funnellake.cli;

import io.funnellake.errors.FunnelException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of every subcommand, locally (./funnel) and on a cluster (spark-submit --class
 * io.funnellake.cli.FunnelMain). Exit codes: 0 success, 1 unexpected failure, 2 a user-facing error
 * (bad input, config or quality gate) whose message says what to fix, 64 bad usage.
 */
@Command(
    name = "funnel",
    mixinStandardHelpOptions = true,
    version = "funnel-lake 0.1.0",
    description = "Marketing-to-sales funnel analytics on a Delta lakehouse.",
    subcommands = {
      NightlyCommand.class,
      GenerateCommand.class,
      SqlCommand.class,
      ServeCommand.class,
      MaintenanceCommand.class,
      BacktestCommand.class,
      BenchCommand.class,
      ReportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class FunnelMain implements Runnable {
  public static final int EXIT_USER_ERROR = 2;
  public static final int EXIT_USAGE = 64;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns the exit code (tests call this instead of main). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new FunnelMain());
    cl.setParameterExceptionHandler(
        (ex, args2) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println(ex.getMessage());
          c.usage(c.getErr());
          return EXIT_USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          PrintWriter err = line.getErr();
          FunnelException fe = findFunnelException(ex);
          if (fe != null) {
            err.println("funnel " + line.getCommandName() + " failed:");
            err.println(fe.getMessage());
            err.flush();
            return EXIT_USER_ERROR;
          }
          err.println("funnel " + line.getCommandName() + " failed unexpectedly: " + ex);
          ex.printStackTrace(err);
          err.flush();
          return 1;
        });
    return cl.execute(args);
  }

  /** A FunnelException anywhere in the cause chain (Spark wraps task failures). */
  public static FunnelException findFunnelException(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof FunnelException fe) {
        return fe;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }
}
