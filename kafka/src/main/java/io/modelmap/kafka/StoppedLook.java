package io.modelmap.kafka;

import java.util.List;

/**
 * Thrown by a {@link Waiter}'s look that ends the wait (nothing more can come), with the notes that look made
 * before it knew: the waiter shows them, once, before the failure goes on, as it shows a finished look's
 * {@link Waiter.Status#notes()}.
 */
public class StoppedLook extends RuntimeException {
  private final List<String> notes;

  public StoppedLook(String message, List<String> notes) {
    super(message);
    this.notes = List.copyOf(notes);
  }

  /** The lines the look had to say before it stopped the wait. */
  public List<String> notes() {
    return notes;
  }
}
