package io.modelmap.aggregator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.aggregator.api.body.AgreementBody;
import io.modelmap.aggregator.api.body.AnalyticsBody;
import io.modelmap.aggregator.api.body.BenchmarkBody;
import io.modelmap.aggregator.api.body.BenchmarkPointBody;
import io.modelmap.aggregator.api.body.KlMatrixBody;
import io.modelmap.aggregator.api.body.LeakageBody;
import io.modelmap.aggregator.api.body.PredictionBody;
import io.modelmap.aggregator.api.body.PredictionsBody;
import io.modelmap.aggregator.api.body.QualityBody;
import io.modelmap.aggregator.api.body.EmbeddingBody;
import io.modelmap.aggregator.api.body.ErrorBody;
import io.modelmap.aggregator.api.body.RouteBody;
import io.modelmap.aggregator.api.body.ResponseSimilarityBody;
import io.modelmap.aggregator.api.body.LineageBody;
import io.modelmap.aggregator.api.body.FailureBody;
import io.modelmap.aggregator.api.body.HealthBody;
import io.modelmap.aggregator.api.body.HubDecisionBody;
import io.modelmap.aggregator.api.body.JudgeBody;
import io.modelmap.aggregator.api.body.JudgeRowBody;
import io.modelmap.aggregator.api.body.KlBody;
import io.modelmap.aggregator.api.body.MapBody;
import io.modelmap.aggregator.api.body.MapPointBody;
import io.modelmap.aggregator.api.body.ModelBody;
import io.modelmap.aggregator.api.body.NeighborBody;
import io.modelmap.aggregator.api.body.PartnerBody;
import io.modelmap.aggregator.api.body.TicketBody;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every JSON body of the query API is a record whose fields and types are exactly those {@code openapi.json} gives. */
class OpenApiBodiesTest {
  private static final List<Class<?>> BODIES = List.of(ModelBody.class, NeighborBody.class, PartnerBody.class,
      FailureBody.class, MapBody.class, MapPointBody.class, KlBody.class, AgreementBody.class,
      AgreementBody.ChoiceCountBody.class, JudgeBody.class, JudgeRowBody.class, HealthBody.class, ErrorBody.class,
      PredictionsBody.class, PredictionBody.class, QualityBody.class, BenchmarkBody.class, BenchmarkPointBody.class,
      AnalyticsBody.class, LeakageBody.class, KlMatrixBody.class, EmbeddingBody.class, RouteBody.class,
      RouteBody.RankedBody.class, ResponseSimilarityBody.class, LineageBody.class, TicketBody.class,
      HubDecisionBody.class);

  private static JsonNode openApi() throws Exception {
    try (InputStream in = OpenApiBodiesTest.class.getResourceAsStream("/io/modelmap/aggregator/api/openapi.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static String schemaName(Class<?> body) {
    return body.getSimpleName().replaceFirst("Body$", "");
  }

  @Test
  void everyBodyHasTheSchemaOfItsName() throws Exception {
    JsonNode schemas = openApi().path("components").path("schemas");
    for (Class<?> body : BODIES) {
      JsonNode schema = schemas.path(schemaName(body));
      assertThat(schema.isObject()).as("schema %s for %s", schemaName(body), body.getSimpleName()).isTrue();
      Set<String> properties = new HashSet<>();
      schema.path("properties").fieldNames().forEachRemaining(properties::add);
      Set<String> fields = new HashSet<>();
      for (RecordComponent component : body.getRecordComponents()) {
        fields.add(component.getName());
        assertThat(jsonType(component.getGenericType(), schema.path("properties").path(component.getName())))
            .as("%s.%s", body.getSimpleName(), component.getName()).isTrue();
        if (component.getType().isPrimitive()) {
          assertThat(schema.path("required").toString()).as("a primitive %s.%s is always present",
              body.getSimpleName(), component.getName()).contains("\"" + component.getName() + "\"");
        }
      }
      assertThat(fields).as(body.getSimpleName()).isEqualTo(properties);
    }
  }

  /** A body record added to the package without a schema fails here: every record of the package is checked above. */
  @Test
  void shouldCheckEveryBodyRecordOfTheBodyPackage() throws Exception {
    Path folder = Path.of(ModelBody.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve(ModelBody.class.getPackageName().replace('.', '/'));
    List<Class<?>> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = file.getFileName().toString().replaceFirst("\\.class$", "");
        // the binary name: a nested body is Outer$Nested, as its class file is named
        Class<?> type = Class.forName(ModelBody.class.getPackageName() + "." + name, false, getClass().getClassLoader());
        if (type.isRecord()) {
          records.add(type);
        }
      }
    }
    assertThat(records).as("records in %s", folder).hasSizeGreaterThan(20);
    assertThat(BODIES).containsAll(records);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/models", "/api/models/{id}", "/api/map", "/api/kl", "/api/agreement",
      "/api/agreement/judge/{id}", "/health", "/api/analytics", "/api/kl-matrix", "/api/predictions/{id}",
      "/api/benchmarks", "/api/benchmarks/{id}"})
  void everyPathAnswersWithDefinedSchemas(String path) throws Exception {
    JsonNode api = openApi();
    List<String> refs = new ArrayList<>();
    collectRefs(api.path("paths").path(path), refs);
    assertThat(refs).as(path).isNotEmpty();
    for (String ref : refs) {
      assertThat(api.path("components").path("schemas").path(ref.replace("#/components/schemas/", "")).isObject())
          .as("%s refers to %s", path, ref).isTrue();
    }
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.has("$ref")) {
      refs.add(node.get("$ref").asText());
    }
    node.forEach(child -> collectRefs(child, refs));
  }

  /** Whether a Java field type is what the JSON schema property says. */
  private static boolean jsonType(Type type, JsonNode property) {
    Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    if (property.has("$ref")) {
      return raw.isRecord() && property.get("$ref").asText().endsWith("/" + schemaName(raw));
    }
    String expected = property.path("type").asText();
    if (raw == String.class) {
      return expected.equals("string");
    }
    if (raw == double.class || raw == Double.class) {
      return expected.equals("number");
    }
    if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
      return expected.equals("integer");
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return expected.equals("boolean");
    }
    if (raw == List.class) {
      return expected.equals("array")
          && jsonType(((ParameterizedType) type).getActualTypeArguments()[0], property.path("items"));
    }
    if (raw == Map.class) {
      return expected.equals("object") && property.has("additionalProperties");
    }
    return false;
  }
}
