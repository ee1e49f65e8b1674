package io.modelmap.schemas.registry;

/**
 * The schema registry could not answer (unreachable, timed out, a 5xx): the record may be fine, so it
 * must be read again later, never dead-lettered.
 */
public final class RegistryUnavailableException extends RuntimeException {
  public RegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether {@code e} or any of its causes is a registry outage: this exception, or a registry call
   * that failed for a reason that may pass (a serializer registering a schema meets those).
   */
  public static boolean isCauseOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RegistryUnavailableException
          || (t instanceof SchemaRegistryException registry && registry.isTransient())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
