package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.cli.ModelMapCli;
import io.modelmap.cli.runtime.EmbeddedSystem;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import-responses} on a real broker: 24 real models' responses to 25 MMLU-Pro prompts are
 * compared by the aggregator as they arrive; the exported response-similarity.csv is identical, line for
 * line, to the offline {@code compare-responses} of the same file, and the API serves every pair and each
 * model's lineage.
 */
class ResponseImportIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Path RESPONSES = Path.of("../aggregator/src/test/resources/data/mmlu-pro-responses-25/responses.jsonl.gz");

  @TempDir
  Path dir;

  @Test
  void streamedSimilarityEqualsTheOfflineComparison() throws Exception {
    assertThat(ModelMapCli.commandLine().execute("compare-responses", "--responses", RESPONSES.toString(),
        "--export-to", dir.resolve("offline").toString())).isZero();
    try (EmbeddedSystem system = EmbeddedSystem.start(dir.resolve("data"), new PrintStream(OutputStream.nullOutputStream()), 0)) {
      long begun = System.nanoTime();
      assertThat(ModelMapCli.commandLine().execute("import-responses", "--bootstrap-servers",
          system.connection().bootstrapServers(), "--schema-registry-url", system.connection().schemaRegistryUrl(),
          "--responses", RESPONSES.toString(), "--export-to", dir.resolve("streamed").toString(), "--timeout", "PT5M"))
          .isZero();
      System.out.printf("import-responses: 600 responses of 24 models compared and exported in %.1f s%n",
          (System.nanoTime() - begun) / 1e9);
      List<String> offline = Files.readAllLines(dir.resolve("offline/response-similarity.csv"), StandardCharsets.UTF_8);
      List<String> streamed = Files.readAllLines(dir.resolve("streamed/response-similarity.csv"), StandardCharsets.UTF_8);
      assertThat(offline).hasSize(1 + 24 * 23 / 2);
      assertThat(streamed).as("streamed, line for line the offline comparison").isEqualTo(offline);
      List<String> lineage = Files.readAllLines(dir.resolve("streamed/lineage.csv"), StandardCharsets.UTF_8);
      assertThat(lineage).hasSize(1 + 24);
      assertThat(lineage.get(0)).isEqualTo("model_id,kl_neighbors,response_neighbors,agreeing");

      String base = system.dashboardUrl();
      JsonNode pairs = await().atMost(Duration.ofSeconds(30)).until(() -> getJson(base + "api/response-similarity"),
          p -> p != null && p.size() == 24 * 23 / 2);
      assertThat(pairs.get(0).get("prompts").asLong()).isPositive();
      JsonNode models = getJson(base + "api/lineage?k=3");
      assertThat(models).hasSize(24);
      for (JsonNode m : models) {
        assertThat(m.get("responseNeighbors")).hasSize(3);
        assertThat(m.get("klNeighbors")).as("no model of this set is on a map").isEmpty();
      }
    }
  }

  private static JsonNode getJson(String url) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
  }
}
