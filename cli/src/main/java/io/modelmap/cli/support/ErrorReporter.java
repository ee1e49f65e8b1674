package io.modelmap.cli.support;

import io.modelmap.cli.runtime.CannotFinish;
import io.modelmap.cli.runtime.InputRefused;
import io.modelmap.hub.HubException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into a short message, never a stack trace: exit 2 for a command used wrongly
 * (bad option, missing file, unknown id), 1 for bad data or a failure while running. The stack trace
 * goes to the log (the data folder's {@code modelmap.log} where there is one) at DEBUG.
 */
public final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
  static final int USAGE = 2;
  static final int BAD_DATA = 1;
  private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    String name = command.getParent() == null ? "modelmap" : "modelmap " + command.getCommandName();
    err.println(name + ": " + e.getMessage() + suggestion(e) + " (see "
        + ("modelmap " + command.getCommandSpec().qualifiedName(" ").replaceFirst("^modelmap ?", "")).strip()
        + " --help)");
    err.flush();
    return USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    LOG.debug("{} failed", command.getCommandName(), e);
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    PrintWriter err = command.getErr();
    err.println("modelmap " + command.getCommandName() + ": " + message(cause));
    err.flush();
    return exitCode(cause);
  }

  /** "; did you mean --timeout?" for a mistyped option or command, in the one line; empty when nothing is close. */
  static String suggestion(ParameterException e) {
    if (!(e instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
      return "";
    }
    String typed = unmatched.getUnmatched().get(0);
    CommandSpec spec = e.getCommandLine().getCommandSpec();
    List<String> names = typed.startsWith("-")
        ? spec.options().stream().filter(o -> !o.hidden()).flatMap(o -> Stream.of(o.names())).toList()
        : List.copyOf(spec.subcommands().keySet());
    List<String> close = Suggestions.closest(typed, names, 3);
    if (close.isEmpty()) {
      return "";
    }
    return "; did you mean " + (close.size() == 1 ? close.get(0)
        : String.join(", ", close.subList(0, close.size() - 1)) + " or " + close.get(close.size() - 1)) + "?";
  }

  static int exitCode(Throwable e) {
    return e instanceof UsageError || e instanceof NoSuchFileException || e instanceof AccessDeniedException
        ? USAGE : BAD_DATA;
  }

  static String message(Throwable e) {
    if (e instanceof NoSuchFileException missing) {
      return missing.getFile() + ": no such file or folder";
    }
    if (e instanceof AccessDeniedException denied) {
      return denied.getFile() + ": permission denied";
    }
    if (e instanceof UsageError || e instanceof InputRefused || e instanceof CannotFinish
        || e instanceof TimeoutException || e instanceof IOException
        || e instanceof IllegalArgumentException || e instanceof HubException) {
      return e.getMessage();
    }
    // not the user's doing: say what failed in a line; the trace is in the log
    return "failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
        + (e.getCause() != null && e.getCause() != e ? " (caused by " + e.getCause().getClass().getSimpleName() + ": "
            + e.getCause().getMessage() + ")" : "");
  }
}
