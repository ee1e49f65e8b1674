package io.modelmap.hub;

import io.modelmap.hubstandin.HubStandIn;
import io.modelmap.hubstandin.StandInRepo;
import io.modelmap.testsupport.hub.TinyLlama;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A {@link HubStandIn} serving the tiny Llama checkpoint as {@code org/tiny}, and clients of a fresh cache. */
abstract class StandInHubTest {
  static final RetryPolicy FAST_RETRY = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(2));
  static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(2));

  @TempDir
  Path home;
  HubStandIn hub;
  String commit;
  Map<String, byte[]> files = TinyLlama.files();

  @BeforeEach
  void startHub() throws IOException {
    hub = HubStandIn.start();
    commit = hub.repo("org/tiny").push(files);
  }

  @AfterEach
  void stopHub() {
    hub.close();
  }

  HubSettings settings(Optional<String> token, boolean offline) {
    return new HubSettings(home, home.resolve("hub"), hub.endpoint(), token, offline);
  }

  HubClient client() {
    return client(Optional.empty(), false);
  }

  HubClient client(Optional<String> token, boolean offline) {
    return HubClient.builder(settings(token, offline)).optRetry(FAST_RETRY).optTimeouts(SHORT).build();
  }

  Path repoFolder() {
    return home.resolve("hub").resolve("models--org--tiny");
  }

  static String sha256(byte[] bytes) {
    return StandInRepo.sha256(bytes);
  }

  static List<String> list(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
