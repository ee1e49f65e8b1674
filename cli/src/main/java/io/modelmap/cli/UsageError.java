package io.modelmap.cli;

/** A command used wrongly (a missing option, a file that is not there, an unknown id): one line, exit 2. */
final class UsageError extends RuntimeException {
  UsageError(String message) {
    super(message);
  }
}
