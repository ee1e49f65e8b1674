package io.modelmap.cli.support;

/** A command used wrongly (a missing option, a file that is not there, an unknown id): one line, exit 2. */
public final class UsageError extends RuntimeException {
  public UsageError(String message) {
    super(message);
  }
}
