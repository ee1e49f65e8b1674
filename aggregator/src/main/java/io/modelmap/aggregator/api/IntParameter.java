package io.modelmap.aggregator.api;

import io.javalin.http.Context;
import io.modelmap.http.HttpError;

/**
 * A whole-number query parameter of one route, checked before it reaches an answer: a value that is
 * not a number or lies outside {@code [min, max]} is a 400 that says the range ({@code openapi.json}
 * gives the same range; {@code OpenApiRoutesTest} holds them equal).
 */
record IntParameter(String path, String name, int fallback, int min, int max) {
  IntParameter {
    if (min > max || fallback < min || fallback > max) {
      throw new IllegalArgumentException(name + ": the default " + fallback + " lies outside [" + min + ", " + max + "]");
    }
  }

  int of(Context ctx) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return fallback;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new HttpError(400, name + " must be a whole number, was '" + quoted(value) + "'");
    }
    if (parsed < min || parsed > max) {
      throw new HttpError(400, name + " must be between " + min + " and " + max + ", was " + parsed);
    }
    return parsed;
  }

  /** The value as it is quoted back: one line, at most 40 characters. */
  private static String quoted(String value) {
    String flat = value.replaceAll("\\p{Cntrl}+", " ");
    return flat.length() <= 40 ? flat : flat.substring(0, 40) + "…";
  }
}
