package io.modelmap.http;

/** How a server writes its errors as JSON: the API's {@code {"error": …}}, the registry's Confluent form. */
public interface ErrorStyle {
  /** The JSON body (a record) of an error answer with this status and one-line message. */
  Object body(int status, String message);

  /** The message of a 404 for a path no route or file serves. */
  default String notFound(String path) {
    return "no endpoint " + path;
  }

  /** {@code {"error": message}}. */
  static ErrorStyle errorField() {
    return (status, message) -> new ErrorMessage(message);
  }

  /** The body of {@link #errorField()}. */
  record ErrorMessage(String error) {}
}
