package org.openrms.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.openrms.cli.internal.ExitCodes;
import org.openrms.core.DrmException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code openrms} command: runs the rights server, manages its users, activates machines and
 * users against it, shows the license store, and runs an end-to-end demo.
 */
@Command(
    name = "openrms",
    mixinStandardHelpOptions = true,
    version = "openrms 0.1.0",
    description = "Rights management for the JVM: rights server, activation and license store.",
    subcommands = {
      ServerCommand.class,
      UserCommand.class,
      ActivateCommand.class,
      LoginCommand.class,
      LicensesCommand.class,
      LocateCommand.class,
      DemoCommand.class,
      WsmanCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0 success, 1 failed, 2 usage, 3 local problem (file, configuration),",
      "  4 cannot reach the server, 5 identity refused, 6 server failed or untrusted answer,",
      "  7 cancelled."
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Entry point; exits the JVM with the command's exit code. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit code (for tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter w = commandLine.getErr();
          int code = report(e, w);
          w.flush();
          return code;
        });
    return cli.execute(args);
  }

  /** Prints a failure without a stack trace and returns its exit code. */
  static int report(Throwable e, PrintWriter err) {
    if (e instanceof DrmException d) {
      err.println("error: " + ExitCodes.describe(d.hresult()));
      String detail = d.getMessage();
      if (detail != null && !detail.equals(d.hresult().name() + ": " + d.hresult().meaning())) {
        err.println("       " + detail);
      }
      return ExitCodes.forHResult(d.hresult());
    }
    Integer wsman = WsmanErrors.report(e, err);
    if (wsman != null) {
      return wsman;
    }
    if (e instanceof IOException || e instanceof UncheckedIOException) {
      err.println("error: " + e.getMessage());
      return ExitCodes.LOCAL;
    }
    if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
      err.println("error: " + e.getMessage());
      return ExitCodes.LOCAL;
    }
    err.println("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
    return ExitCodes.FAILED;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
