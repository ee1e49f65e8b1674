package io.modelmap.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry serving the Confluent REST subset the services use, on loopback, with its state
 * in a compacted Kafka topic so that it survives restarts. For the embedded default only: point
 * production deployments at Confluent SR, Karapace, Apicurio (ccompat) or Redpanda.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SchemaRegistryState state = new SchemaRegistryState();
  private final SchemaLog log;
  private final HttpServer server;

  EmbeddedSchemaRegistry(SchemaLog log, int port) throws IOException {
    this.log = log;
    log.readAll().forEach(state::apply);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "schema-registry-http");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  /** Starts on {@code port} (0 picks a free one), storing schemas in {@code topic} of the given cluster. */
  public static EmbeddedSchemaRegistry start(String bootstrapServers, String topic, int port) throws IOException {
    return new EmbeddedSchemaRegistry(new KafkaSchemaLog(bootstrapServers, topic), port);
  }

  /** The base URL clients use. */
  public String url() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
      List<String> parts = List.of(path.replaceAll("^/+|/+$", "").split("/"));
      Reply reply = route(exchange.getRequestMethod(), parts, exchange.getRequestBody());
      byte[] body = JSON.writeValueAsBytes(reply.body());
      exchange.getResponseHeaders().set("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE);
      exchange.sendResponseHeaders(reply.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (RuntimeException e) {
      LOG.warn("schema registry request {} failed: {}", exchange.getRequestURI(), e.toString());
      throw e;
    }
  }

  private Reply route(String method, List<String> p, InputStream body) throws IOException {
    if (method.equals("GET") && p.size() == 3 && p.get(0).equals("schemas") && p.get(1).equals("ids")) {
      return schemaById(p.get(2));
    }
    if (method.equals("GET") && p.size() == 1 && p.get(0).equals("subjects")) {
      return Reply.ok(state.subjects());
    }
    if (p.size() >= 3 && p.get(0).equals("subjects") && p.get(2).equals("versions")) {
      if (method.equals("POST") && p.size() == 3) {
        return register(p.get(1), body);
      }
      if (method.equals("GET")) {
        return p.size() == 3 ? versionList(p.get(1)) : version(p.get(1), p.get(3));
      }
    }
    if (method.equals("POST") && p.size() == 5 && p.get(0).equals("compatibility")) {
      return compatibility(p.get(2), body);
    }
    return Reply.error(404, 404, "unknown endpoint " + method + " /" + String.join("/", p));
  }

  private Reply register(String subject, InputStream body) throws IOException {
    Optional<Schema> schema = parseSchema(body);
    if (schema.isEmpty()) {
      return Reply.error(422, 42201, "invalid Avro schema");
    }
    synchronized (this) {
      Optional<RegisteredSchema> existing = state.find(subject, schema.get());
      if (existing.isPresent()) {
        return Reply.ok(JSON.createObjectNode().put("id", existing.get().id()));
      }
      if (!state.isCompatibleWithLatest(subject, schema.get())) {
        return Reply.error(409, 409, "schema is incompatible with the latest version of " + subject);
      }
      RegisteredSchema next = state.nextVersion(subject, schema.get());
      log.append(next);
      state.apply(next);
      return Reply.ok(JSON.createObjectNode().put("id", next.id()));
    }
  }

  private Reply schemaById(String rawId) {
    Optional<Schema> schema = parseInt(rawId).flatMap(state::schemaById);
    return schema.map(s -> Reply.ok(JSON.createObjectNode().put("schema", s.toString())))
        .orElseGet(() -> Reply.error(404, 40403, "schema " + rawId + " not found"));
  }

  private Reply versionList(String subject) {
    List<RegisteredSchema> versions = state.versions(subject);
    return versions.isEmpty()
        ? Reply.error(404, 40401, "subject " + subject + " not found")
        : Reply.ok(versions.stream().map(RegisteredSchema::version).toList());
  }

  private Reply version(String subject, String which) {
    List<RegisteredSchema> versions = state.versions(subject);
    if (versions.isEmpty()) {
      return Reply.error(404, 40401, "subject " + subject + " not found");
    }
    Optional<RegisteredSchema> found = which.equals("latest")
        ? Optional.of(versions.get(versions.size() - 1))
        : parseInt(which).flatMap(n -> versions.stream().filter(v -> v.version() == n).findFirst());
    return found.map(Reply::ok).orElseGet(() -> Reply.error(404, 40402, "version " + which + " not found"));
  }

  private Reply compatibility(String subject, InputStream body) throws IOException {
    if (state.versions(subject).isEmpty()) {
      return Reply.error(404, 40401, "subject " + subject + " not found");
    }
    Optional<Schema> schema = parseSchema(body);
    if (schema.isEmpty()) {
      return Reply.error(422, 42201, "invalid Avro schema");
    }
    return Reply.ok(JSON.createObjectNode().put("is_compatible", state.isCompatibleWithLatest(subject, schema.get())));
  }

  private static Optional<Schema> parseSchema(InputStream body) throws IOException {
    JsonNode request = JSON.readTree(body);
    String type = request.path("schemaType").asText("AVRO");
    if (!type.equals("AVRO") || !request.hasNonNull("schema")) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Schema.Parser().parse(request.get("schema").asText()));
    } catch (SchemaParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Integer> parseInt(String text) {
    try {
      return Optional.of(Integer.parseInt(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    log.close();
  }

  private record Reply(int status, Object body) {
    static Reply ok(Object body) {
      return new Reply(200, body);
    }

    static Reply error(int status, int code, String message) {
      return new Reply(status, JSON.createObjectNode().put("error_code", code).put("message", message));
    }
  }
}
