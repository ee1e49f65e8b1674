package io.modelmap.aggregator.api;

import io.modelmap.aggregator.api.body.ErrorBody;
import io.modelmap.http.ErrorStyle;

/** The public API's errors: {@code {"error": …}} with what to do next. */
final class ApiErrors implements ErrorStyle {
  @Override
  public Object body(int status, String message) {
    return new ErrorBody(message);
  }

  @Override
  public String notFound(String path) {
    return path.startsWith("/internal/")
        ? "internal views are served to other aggregator instances on their own port"
        : "no endpoint " + path + "; see /openapi.json";
  }
}
