package org.openrms.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Gives every command the output streams of its command line, so tests can capture them. */
abstract class BaseCommand {
  @Spec CommandSpec spec;

  /** Standard output of this command line. */
  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Standard error of this command line. */
  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
