package io.modelmap.aggregator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.aggregator.api.body.ErrorBody;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Small helpers for answering JDK {@link HttpExchange}s: JSON bodies, errors, classpath files, query strings. */
final class HttpExchanges {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "json", "application/json",
      "map", "application/json", "png", "image/png", "svg", "image/svg+xml");

  private HttpExchanges() {}

  static void json(HttpExchange exchange, int status, Object body) throws IOException {
    send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
  }

  static void text(HttpExchange exchange, String type, String body) throws IOException {
    send(exchange, 200, type, body.getBytes(StandardCharsets.UTF_8));
  }

  /** An error as {@code {"error": message}}: what went wrong and what to do next. */
  static void error(HttpExchange exchange, int status, String message) throws IOException {
    json(exchange, status, new ErrorBody(message));
  }

  /** A classpath resource, or 404. */
  static void resource(HttpExchange exchange, String path) throws IOException {
    if (path.contains("..")) {
      error(exchange, 404, "no such file");
      return;
    }
    try (InputStream in = HttpExchanges.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        error(exchange, 404, "no such file: " + exchange.getRequestURI().getPath());
        return;
      }
      String extension = path.substring(path.lastIndexOf('.') + 1);
      send(exchange, 200, TYPES.getOrDefault(extension, "application/octet-stream"), in.readAllBytes());
    }
  }

  static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> params = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int at = pair.indexOf('=');
      String name = URLDecoder.decode(at < 0 ? pair : pair.substring(0, at), StandardCharsets.UTF_8);
      params.put(name, at < 0 ? "" : URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
