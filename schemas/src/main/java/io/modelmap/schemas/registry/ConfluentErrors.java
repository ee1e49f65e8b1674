package io.modelmap.schemas.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.modelmap.http.ErrorStyle;

/** Errors as Confluent's registry writes them, {@code {"error_code": …, "message": …}}, which its clients read. */
final class ConfluentErrors implements ErrorStyle {
  @Override
  public Object body(int status, String message) {
    return new ConfluentError(status, message);
  }

  /** The body; Confluent's codes refine the status (40401: no such subject, 40403: no such schema). */
  record ConfluentError(@JsonProperty("error_code") int errorCode, String message) {}
}
