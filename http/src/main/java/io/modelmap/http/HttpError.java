package io.modelmap.http;

/**
 * A request a handler cannot answer: the status and a one-line message saying what to do next. The
 * server writes it in the server's {@link ErrorStyle}; nothing else of an exception reaches a client.
 */
public final class HttpError extends RuntimeException {
  private final int status;

  public HttpError(int status, String message) {
    super(message, null, false, false); // no stack: this is an answer, not a failure
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("an error status is 4xx or 5xx, was " + status);
    }
    this.status = status;
  }

  public int status() {
    return status;
  }
}
