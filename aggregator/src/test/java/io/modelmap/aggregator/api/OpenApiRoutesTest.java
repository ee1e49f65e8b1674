package io.modelmap.aggregator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.HandlerType;
import io.modelmap.http.Access;
import io.modelmap.http.RouteTable;
import io.modelmap.http.StreamTickets;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The public port's route table and {@code openapi.json} describe the same API. */
class OpenApiRoutesTest {
  private static final RouteTable TABLE = ApiRoutes.table(() -> null, () -> null, new Health(),
      StreamTickets.of(Optional.empty()));

  private static JsonNode openApi() throws Exception {
    try (InputStream in = OpenApiRoutesTest.class.getResourceAsStream("/" + ApiRoutes.OPENAPI)) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static Set<String> described(JsonNode api) {
    Set<String> operations = new TreeSet<>();
    api.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
        .forEachRemaining(method -> operations.add(method.toUpperCase() + " " + path.getKey())));
    return operations;
  }

  private static Set<String> routed() {
    Set<String> operations = new TreeSet<>();
    TABLE.routes().forEach(r -> operations.add(r.method().name() + " " + r.openApiPath()));
    return operations;
  }

  @Test
  void shouldDescribeEveryRoutedOperation() throws Exception {
    assertThat(described(openApi())).containsAll(routed());
  }

  @Test
  void shouldRouteEveryDescribedOperation() throws Exception {
    assertThat(routed()).containsAll(described(openApi()));
  }

  @Test
  void shouldServeOnlyGets() {
    assertThat(TABLE.routes()).allSatisfy(r -> assertThat(r.method()).isEqualTo(HandlerType.GET));
  }

  @Test
  void shouldAskForTheTokenExactlyWhereTheDescriptionSays() throws Exception {
    JsonNode api = openApi();
    for (RouteTable.Route route : TABLE.routes()) {
      JsonNode operation = api.path("paths").path(route.openApiPath()).path("get");
      assertThat(operation.has("security")).as("%s is %s", route.path(), route.access())
          .isEqualTo(route.access() == Access.TOKEN);
      assertThat(route.access() == Access.TOKEN).as(route.path()).isEqualTo(route.path().startsWith("/api/"));
    }
  }

  @Test
  void shouldCheckEveryNumberParameterInTheDescribedRange() throws Exception {
    JsonNode api = openApi();
    List<String> checked = new ArrayList<>();
    for (IntParameter parameter : ApiRoutes.intParameters()) {
      JsonNode schema = null;
      for (JsonNode described : api.path("paths").path(parameter.path()).path("get").path("parameters")) {
        if (described.path("name").asText().equals(parameter.name())) {
          schema = described.path("schema");
        }
      }
      assertThat(schema).as("%s %s", parameter.path(), parameter.name()).isNotNull();
      assertThat(schema.path("type").asText()).isEqualTo("integer");
      assertThat(schema.path("minimum").asInt()).as("%s minimum", parameter.name()).isEqualTo(parameter.min());
      assertThat(schema.path("maximum").asInt()).as("%s maximum", parameter.name()).isEqualTo(parameter.max());
      assertThat(schema.path("default").asInt()).as("%s default", parameter.name()).isEqualTo(parameter.fallback());
      checked.add(parameter.path() + "?" + parameter.name());
    }
    List<String> integers = new ArrayList<>();
    api.path("paths").fields().forEachRemaining(path -> path.getValue().path("get").path("parameters").forEach(p -> {
      if (p.path("schema").path("type").asText().equals("integer")) {
        integers.add(path.getKey() + "?" + p.path("name").asText());
      }
    }));
    assertThat(checked).as("every integer parameter the description gives is checked").containsExactlyInAnyOrderElementsOf(integers);
  }
}
