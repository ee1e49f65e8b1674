package io.modelmap.testsupport.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension's stand-in answers for the tiny checkpoint at the commit it reports, and records the request. */
class StandInHubExtensionTest {
  @RegisterExtension
  final StandInHub hub = new StandInHub();

  @Test
  void shouldServeTheTinyCheckpointOnMainAtTheReportedCommit() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(hub.endpoint() + "/api/models/org/tiny/revision/main")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = new ObjectMapper().readTree(response.body());
    assertThat(body.path("sha").asText()).isEqualTo(hub.commit()).hasSize(40);
    assertThat(body.path("siblings").findValuesAsText("rfilename"))
        .containsExactly("config.json", "tokenizer.json", "model.safetensors");
    assertThat(hub.requests()).singleElement().satisfies(r -> assertThat(r.path())
        .isEqualTo("/api/models/org/tiny/revision/main"));
  }
}
