package io.modelmap.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.modelmap.http.Access;
import io.modelmap.http.HttpServer;
import io.modelmap.http.RouteTable;
import io.modelmap.http.ServerSettings;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A schema registry serving the Confluent REST subset the services use, on loopback, with its state
 * in a compacted Kafka topic so that it survives restarts. For the embedded default only: point
 * production deployments at Confluent SR, Karapace, Apicurio (ccompat) or Redpanda.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SchemaRegistryState state = new SchemaRegistryState();
  private final SchemaLog log;
  private final HttpServer server;

  EmbeddedSchemaRegistry(SchemaLog log, int port) throws IOException {
    this.log = log;
    log.readAll().forEach(state::apply);
    this.server = HttpServer.start("schema-registry", ServerSettings.loopback(port), new ConfluentErrors(), routes());
  }

  /** Starts on {@code port} (0 picks a free one), storing schemas in {@code topic} of the given cluster. */
  public static EmbeddedSchemaRegistry start(String bootstrapServers, String topic, int port) throws IOException {
    return new EmbeddedSchemaRegistry(new KafkaSchemaLog(bootstrapServers, topic), port);
  }

  /** The base URL clients use. */
  public String url() {
    return "http://" + server.address().getHostString() + ":" + server.port();
  }

  /** The endpoints of the Confluent API the clients call; open, as the registry is on loopback. */
  private RouteTable routes() {
    return new RouteTable()
        .get("/schemas/ids/{id}", Access.OPEN, ctx -> reply(ctx, schemaById(ctx.pathParam("id"))))
        .get("/subjects", Access.OPEN, ctx -> reply(ctx, Reply.ok(state.subjects())))
        .post("/subjects/{subject}/versions", Access.OPEN,
            ctx -> reply(ctx, register(ctx.pathParam("subject"), ctx.body())))
        .get("/subjects/{subject}/versions", Access.OPEN, ctx -> reply(ctx, versionList(ctx.pathParam("subject"))))
        .get("/subjects/{subject}/versions/{version}", Access.OPEN,
            ctx -> reply(ctx, version(ctx.pathParam("subject"), ctx.pathParam("version"))))
        .post("/compatibility/subjects/{subject}/versions/{version}", Access.OPEN,
            ctx -> reply(ctx, compatibility(ctx.pathParam("subject"), ctx.body())));
  }

  private static void reply(Context ctx, Reply reply) throws JsonProcessingException {
    ctx.status(reply.status()).contentType(RestSchemaRegistryClient.CONTENT_TYPE).result(JSON.writeValueAsBytes(reply.body()));
  }

  private Reply register(String subject, String body) {
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

  private Reply compatibility(String subject, String body) {
    if (state.versions(subject).isEmpty()) {
      return Reply.error(404, 40401, "subject " + subject + " not found");
    }
    Optional<Schema> schema = parseSchema(body);
    if (schema.isEmpty()) {
      return Reply.error(422, 42201, "invalid Avro schema");
    }
    return Reply.ok(JSON.createObjectNode().put("is_compatible", state.isCompatibleWithLatest(subject, schema.get())));
  }

  /** The Avro schema a request carries, or empty when its JSON or its schema does not parse. */
  private static Optional<Schema> parseSchema(String body) {
    try {
      JsonNode request = JSON.readTree(body);
      String type = request.path("schemaType").asText("AVRO");
      if (!type.equals("AVRO") || !request.hasNonNull("schema")) {
        return Optional.empty();
      }
      return Optional.of(new Schema.Parser().parse(request.get("schema").asText()));
    } catch (JsonProcessingException | SchemaParseException e) {
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
    server.close();
    log.close();
  }

  private record Reply(int status, Object body) {
    static Reply ok(Object body) {
      return new Reply(200, body);
    }

    static Reply error(int status, int code, String message) {
      return new Reply(status, new ConfluentErrors.ConfluentError(code, message));
    }
  }
}
