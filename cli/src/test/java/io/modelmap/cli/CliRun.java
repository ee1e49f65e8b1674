package io.modelmap.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the real command line in this JVM, with what it wrote on standard error: for tests of refusals. */
record CliRun(int exitCode, String err) {

  /** Runs {@code ./modelmap args} with the process's environment; nothing is listening unless the test starts it. */
  static CliRun of(String... args) {
    StringWriter err = new StringWriter();
    int exitCode = ModelMapCli.commandLine().setErr(new PrintWriter(err)).execute(args);
    return new CliRun(exitCode, err.toString());
  }
}
