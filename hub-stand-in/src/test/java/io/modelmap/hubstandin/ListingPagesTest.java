package io.modelmap.hubstandin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in's {@code /api/models} over real HTTP: filters, order, expand and Link pagination. */
class ListingPagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private HubStandIn hub;

  @BeforeEach
  void start() throws Exception {
    hub = HubStandIn.start();
    hub.repo("a/first").list(ListingCard.textGeneration(100, "mit"))
        .pushAt(Map.of("config.json", new byte[] {1}), Instant.parse("2026-01-01T00:00:00Z"));
    hub.repo("b/second").list(ListingCard.textGeneration(200, "apache-2.0"))
        .pushAt(Map.of("config.json", new byte[] {2}), Instant.parse("2026-01-02T00:00:00Z"));
    hub.repo("a/third").list(ListingCard.textGeneration(300, "mit").withPipelineTag("fill-mask"))
        .pushAt(Map.of("config.json", new byte[] {3}), Instant.parse("2026-01-03T00:00:00Z"));
    hub.repo("a/unlisted").push(Map.of("config.json", new byte[] {4}));
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void shouldPageNewestFirstFollowingTheLinkHeader() throws Exception {
    HttpResponse<String> first = get("/api/models?sort=createdAt&direction=-1&limit=2");
    assertThat(ids(first)).containsExactly("a/third", "b/second");
    String link = first.headers().firstValue("Link").orElseThrow();
    assertThat(link).startsWith("<" + hub.endpoint() + "/api/models?").endsWith(">; rel=\"next\"").contains("cursor=");

    HttpResponse<String> second = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(link.substring(1, link.indexOf('>')))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(ids(second)).containsExactly("a/first");
    assertThat(second.headers().firstValue("Link")).isEmpty();
  }

  @Test
  void shouldFilterByPipelineTagAndAuthorAndShowSafetensorsOnlyWhenExpanded() throws Exception {
    HttpResponse<String> plain = get("/api/models?pipeline_tag=text-generation&author=a");
    assertThat(ids(plain)).containsExactly("a/first");
    JsonNode model = JSON.readTree(plain.body()).get(0);
    assertThat(model.path("sha").asText()).isEqualTo(hub.repo("a/first").head().orElseThrow());
    assertThat(model.path("createdAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(model.path("tags").toString()).contains("license:mit");
    assertThat(model.has("safetensors")).isFalse();

    JsonNode expanded = JSON.readTree(get("/api/models?search=SECOND&expand=safetensors&expand=cardData").body()).get(0);
    assertThat(expanded.path("id").asText()).isEqualTo("b/second");
    assertThat(expanded.path("safetensors").path("parameters").path("F32").asLong()).isEqualTo(200);
    assertThat(expanded.path("safetensors").path("total").asLong()).isEqualTo(200);
    assertThat(expanded.path("cardData").path("license").asText()).isEqualTo("apache-2.0");
    assertThat(expanded.path("gated").asBoolean(true)).isFalse();
  }

  @Test
  void shouldShowAGatedRepositoryAsAuto() throws Exception {
    hub.repo("c/gated").list(ListingCard.textGeneration(1, "mit").asGated())
        .pushAt(Map.of("config.json", new byte[] {5}), Instant.parse("2026-01-04T00:00:00Z"));
    JsonNode model = JSON.readTree(get("/api/models?author=c").body()).get(0);
    assertThat(model.path("gated").asText()).isEqualTo("auto");
    assertThat(Optional.of(model.path("id").asText())).contains("c/gated");
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hub.endpoint() + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static java.util.List<String> ids(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).findValuesAsText("id");
  }
}
