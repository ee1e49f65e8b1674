package io.modelmap.cli.runtime;

/**
 * A command that can no longer finish: every remaining model was refused or failed, or a text every model needs
 * was refused. Said in one sentence with the reasons, exit 1, at once instead of at the timeout.
 */
public final class CannotFinish extends RuntimeException {
  public CannotFinish(String message) {
    super(message);
  }
}
