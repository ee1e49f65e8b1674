package io.modelmap.cli.runtime;

/** Input the command cannot take as it is (a conflicting corpus, an invalid id): one line, exit 1. */
public final class InputRefused extends RuntimeException {
  public InputRefused(String message) {
    super(message);
  }
}
