package io.modelmap.schemas.registry;

/** A schema registry call failed; the message says which call and what the registry answered. */
public final class SchemaRegistryException extends RuntimeException {
  private final int errorCode;

  public SchemaRegistryException(String message, int errorCode) {
    super(message);
    this.errorCode = errorCode;
  }

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
    this.errorCode = -1;
  }

  /** Whether asking again later may succeed: a transport error or a server error (5xx), not a refusal (4xx). */
  public boolean isTransient() {
    return errorCode == -1 || (errorCode >= 500 && errorCode < 600) || (errorCode >= 50000 && errorCode < 60000);
  }

  /** The registry's error code (for example 40403, schema not found), or -1 for transport errors. */
  public int errorCode() {
    return errorCode;
  }
}
