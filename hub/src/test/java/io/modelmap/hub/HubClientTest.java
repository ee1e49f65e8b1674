package io.modelmap.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from the {@link HubStandIn} into a cache laid out as huggingface_hub lays it out. */
class HubClientTest {
  static final RetryPolicy FAST_RETRY = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(2));
  static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(2));

  @TempDir
  Path home;
  HubStandIn hub;
  String commit;
  Map<String, byte[]> files = Fixtures.tinyLlama();

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

  @Test
  void shouldLayOutTheCacheFileByFileAsHuggingfaceHubDoes() throws IOException {
    HubSnapshot snapshot = client().resolve(HubModelId.parse("org/tiny"));

    assertThat(snapshot.commit()).isEqualTo(commit);
    assertThat(snapshot.folder()).isEqualTo(repoFolder().resolve("snapshots").resolve(commit));
    assertThat(Files.readString(repoFolder().resolve("refs/main"), StandardCharsets.UTF_8)).isEqualTo(commit);
    assertThat(list(repoFolder())).containsExactlyInAnyOrder("blobs", "refs", "snapshots");
    assertThat(list(repoFolder().resolve("refs"))).containsExactly("main");
    assertThat(list(repoFolder().resolve("snapshots"))).containsExactly(commit);
    assertThat(list(snapshot.folder())).containsExactlyInAnyOrder("config.json", "tokenizer.json", "model.safetensors");
    Set<String> etags = new java.util.HashSet<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path pointer = snapshot.folder().resolve(file.getKey());
      String etag = file.getKey().equals("model.safetensors") ? sha256(file.getValue())
          : StandInRepo.gitSha1(file.getValue());
      etags.add(etag);
      assertThat(Files.isSymbolicLink(pointer)).as(file.getKey()).isTrue();
      assertThat(Files.readSymbolicLink(pointer)).as(file.getKey()).isEqualTo(Path.of("../../blobs/" + etag));
      assertThat(Files.readAllBytes(repoFolder().resolve("blobs").resolve(etag))).isEqualTo(file.getValue());
      assertThat(Files.readAllBytes(pointer)).isEqualTo(file.getValue());
    }
    assertThat(list(repoFolder().resolve("blobs"))).containsExactlyInAnyOrderElementsOf(etags);
    assertThat(home.resolve("hub/.locks/models--org--tiny").resolve(sha256(files.get("model.safetensors")) + ".lock"))
        .exists();
    assertThat(snapshot.downloaded()).containsExactly("config.json", "tokenizer.json", "model.safetensors");
    assertThat(snapshot.cached()).isEmpty();
    assertThat(snapshot.downloadedBytes()).isEqualTo(files.values().stream().mapToLong(b -> b.length).sum());
  }

  @Test
  void shouldResolveOfflineWithoutAnyRequestOnceCached() {
    HubSnapshot online = client().resolve(HubModelId.parse("org/tiny@main"));
    hub.clearRequests();

    HubSnapshot offline = client(Optional.empty(), true).resolve(HubModelId.parse("org/tiny@main"));

    assertThat(hub.requests()).isEmpty();
    assertThat(offline.folder()).isEqualTo(online.folder());
    assertThat(offline.commit()).isEqualTo(commit);
    assertThat(offline.cached()).containsExactlyInAnyOrder("config.json", "tokenizer.json", "model.safetensors");
    assertThat(offline.downloaded()).isEmpty();
  }

  @Test
  void shouldAskOnlyForTheCommitWhenOnlineAndCached() {
    client().resolve(HubModelId.parse("org/tiny"));
    hub.clearRequests();

    HubSnapshot again = client().resolve(HubModelId.parse("org/tiny"));

    assertThat(hub.requests()).extracting(HubStandIn.Request::method, HubStandIn.Request::path)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", "/api/models/org/tiny/revision/main"));
    assertThat(again.downloaded()).isEmpty();
  }

  @Test
  void shouldRefuseOfflineInOneLineWhenNothingIsCached() {
    assertThatThrownBy(() -> client(Optional.empty(), true).resolve(HubModelId.parse("org/tiny@main")))
        .isInstanceOf(HubException.class)
        .hasMessage("HF_HUB_OFFLINE=1 and model org/tiny@main is not in the cache at " + repoFolder());
    assertThat(hub.requests()).isEmpty();
  }

  static List<String> list(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
