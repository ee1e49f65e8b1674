package io.modelmap.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Threads sharing one cache download each blob once (processes: {@link TwoProcessesTest}). */
class SharedCacheTest extends StandInHubTest {
  @Test
  void shouldFetchEachBlobOnceWhenTwoThreadsShareACache() throws Exception {
    // the CDN answers only once both threads have asked for the weights' metadata: both want the blob at once
    hub.holdCdnUntil(requests -> requests.stream()
        .filter(r -> r.method().equals("HEAD") && r.path().endsWith("/model.safetensors")).count() >= 2);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var first = pool.submit(() -> client().resolve(HubModelId.parse("org/tiny")));
      var second = pool.submit(() -> client().resolve(HubModelId.parse("org/tiny")));
      HubSnapshot a = first.get(30, TimeUnit.SECONDS);
      HubSnapshot b = second.get(30, TimeUnit.SECONDS);

      assertThat(a.folder()).isEqualTo(b.folder());
      assertThat(hub.count("HEAD", p -> p.endsWith("/model.safetensors"))).isEqualTo(2);
      assertThat(hub.count("GET", p -> p.startsWith("/blobs/"))).isEqualTo(1);
      assertThat(hub.count("GET", p -> p.endsWith("/config.json"))).isEqualTo(1);
      assertThat(hub.count("GET", p -> p.endsWith("/tokenizer.json"))).isEqualTo(1);
      assertThat(Stream.of(a, b).flatMap(s -> s.downloaded().stream()))
          .containsExactlyInAnyOrder("config.json", "tokenizer.json", "model.safetensors");
      assertThat(Files.readAllBytes(a.folder().resolve("model.safetensors"))).isEqualTo(files.get("model.safetensors"));
    } finally {
      pool.shutdownNow();
    }
  }
}
