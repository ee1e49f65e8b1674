package io.modelmap.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Client for the Confluent Schema Registry REST API ({@code POST /subjects/{s}/versions},
 * {@code GET /schemas/ids/{id}}, {@code POST /compatibility/subjects/{s}/versions/latest}). Ids are
 * immutable, so lookups are cached for the life of the client.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI baseUri;
  private final HttpClient http;
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

  public RestSchemaRegistryClient(String baseUrl) {
    this.baseUri = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  @Override
  public int register(String subject, Schema schema) {
    return idsBySubjectAndSchema.computeIfAbsent(subject + '\n' + schema, key -> {
      JsonNode reply = post("subjects/" + encode(subject) + "/versions", schemaBody(schema));
      int id = reply.path("id").asInt(-1);
      if (id < 0) {
        throw new SchemaRegistryException("registry answered without an id when registering " + subject, -1);
      }
      schemasById.putIfAbsent(id, schema);
      return id;
    });
  }

  @Override
  public Schema schemaById(int id) {
    return schemasById.computeIfAbsent(id, key -> {
      JsonNode reply = send(HttpRequest.newBuilder(baseUri.resolve("schemas/ids/" + id)).GET(), "schema id " + id);
      return new Schema.Parser().parse(reply.path("schema").asText());
    });
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    try {
      JsonNode reply = post("compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
      return reply.path("is_compatible").asBoolean(false);
    } catch (SchemaRegistryException e) {
      if (e.errorCode() == 40401) {
        return true; // no subject yet: anything is compatible with nothing
      }
      throw e;
    }
  }

  private static String schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  private JsonNode post(String path, String body) {
    return send(HttpRequest.newBuilder(baseUri.resolve(path))
        .header("Content-Type", CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofString(body)), path);
  }

  private JsonNode send(HttpRequest.Builder request, String what) {
    try {
      HttpResponse<String> response = http.send(
          request.header("Accept", CONTENT_TYPE).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
      if (response.statusCode() / 100 != 2) {
        throw new SchemaRegistryException("schema registry " + baseUri + " refused " + what + ": HTTP "
            + response.statusCode() + " " + body.path("message").asText(response.body()),
            body.path("error_code").asInt(response.statusCode()));
      }
      return body;
    } catch (IOException e) {
      throw new SchemaRegistryException("cannot reach the schema registry at " + baseUri
          + " (" + what + "); check --schema-registry-url", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("interrupted while calling the schema registry (" + what + ")", e);
    }
  }

  /** A path segment: URLEncoder's form encoding, with a space as %20 (a '+' in a path is a plus). */
  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
