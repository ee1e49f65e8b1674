package io.modelmap.aggregator.api;

/** A request the API cannot answer: the HTTP status and a message that says what to do next. */
final class ApiError extends RuntimeException {
  private final int status;

  ApiError(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
