package io.modelmap.cli.runtime;

import io.modelmap.kafka.StoppedLook;
import java.util.List;

/**
 * A command that can no longer finish: every remaining model was refused or failed, or a text every model needs
 * was refused. Said in one sentence with the reasons, exit 1, at once instead of at the timeout. Thrown from a
 * wait's look, the {@link io.modelmap.kafka.Waiter} shows that look's notes (the refusals it just read) first.
 */
public final class CannotFinish extends StoppedLook {
  public CannotFinish(String message) {
    this(message, List.of());
  }

  public CannotFinish(String message, List<String> notes) {
    super(message, notes);
  }
}
