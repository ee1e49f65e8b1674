package io.modelmap.scorer.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.hub.HubClient;
import io.modelmap.hub.HubSettings;
import io.modelmap.hub.RetryPolicy;
import io.modelmap.hub.Timeouts;
import io.modelmap.testsupport.hub.StandInHub;
import io.modelmap.testsupport.hub.TinyLlama;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** hf:// sources through the Hub stand-in on loopback: the registered commit, refusals, retries. */
class HubCheckpointsTest {
  private static final long LIMIT = 10_000_000;

  @TempDir
  Path home;
  @RegisterExtension
  final StandInHub hub = new StandInHub();
  ScorerMetrics metrics = new ScorerMetrics();

  @AfterEach
  void stop() {
    metrics.close();
  }

  private HubCheckpoints checkpoints(String endpoint, boolean offline) {
    return checkpoints(endpoint, offline, LIMIT);
  }

  private HubCheckpoints checkpoints(String endpoint, boolean offline, long limit) {
    HubSettings settings = new HubSettings(home, home.resolve("hub"), endpoint, Optional.empty(), offline);
    return new HubCheckpoints(HubClient.builder(settings).optSizeLimit(limit)
        .optRetry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(100)))
        .optTimeouts(new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1))).build());
  }

  @Test
  void shouldScoreTheRegisteredCommitAfterTheBranchMoved() throws Exception {
    Map<String, byte[]> changed = new LinkedHashMap<>(TinyLlama.files());
    changed.put("config.json", "{\"model_type\": \"llama\", \"moved\": true}".getBytes(StandardCharsets.UTF_8));
    hub.repo("org/tiny").push(changed); // main moves on after the registration

    Path folder = checkpoints(hub.endpoint(), false).fetch("hf://org/tiny", hub.commit(), LIMIT, metrics);

    assertThat(folder).isEqualTo(home.resolve("hub/models--org--tiny/snapshots/" + hub.commit()).toRealPath());
    assertThat(Files.readAllBytes(folder.resolve("config.json"))).isEqualTo(TinyLlama.files().get("config.json"));
    long bytes = TinyLlama.files().values().stream().mapToLong(b -> b.length).sum();
    assertThat(metrics.hubBytesDownloaded()).isEqualTo(bytes);
  }

  @Test
  void shouldLoadFromTheCacheOfflineWithoutARequest() throws Exception {
    checkpoints(hub.endpoint(), false).fetch("hf:org/tiny", hub.commit(), LIMIT, metrics);
    hub.clearRequests();

    Path folder = checkpoints(hub.endpoint(), true).fetch("hf:org/tiny", hub.commit(), LIMIT, metrics);

    assertThat(folder.resolve("model.safetensors")).exists();
    assertThat(hub.requests()).isEmpty();
  }

  @Test
  void shouldStartOnAWarmCacheWithoutTouchingTheNetwork() throws Exception {
    checkpoints(hub.endpoint(), false).fetch("hf://org/tiny", hub.commit(), LIMIT, metrics);
    hub.clearRequests();

    Path folder = checkpoints(hub.endpoint(), false).fetch("hf://org/tiny", hub.commit(), LIMIT, metrics);

    assertThat(folder.resolve("tokenizer.json")).exists();
    assertThat(hub.requests()).isEmpty();
  }

  @Test
  void shouldRefuseAGatedRepositoryInOneLineNamingTheToken() {
    hub.repo("org/tiny").gate("secret");

    assertThatThrownBy(() -> checkpoints(hub.endpoint(), false).fetch("hf://org/tiny", hub.commit(), LIMIT, metrics))
        .isInstanceOf(ModelSourceRefused.class).hasMessageContaining("org/tiny").hasMessageContaining("HF_TOKEN")
        .hasMessageNotContaining("\n");
  }

  @Test
  void shouldRefuseASourceWithoutACommit() {
    assertThatThrownBy(() -> checkpoints(hub.endpoint(), false).fetch("hf://org/tiny", "main", LIMIT, metrics))
        .isInstanceOf(ModelSourceRefused.class).hasMessageContaining("modelmap register --model org/tiny@REVISION");
    assertThat(hub.requests()).isEmpty();
  }

  @Test
  void shouldRefuseAModelOverTheSizeLimitBeforeDownloading() {
    assertThatThrownBy(() -> checkpoints(hub.endpoint(), false, 1000).fetch("hf://org/tiny", hub.commit(), LIMIT, metrics))
        .isInstanceOf(ModelSourceRefused.class).hasMessageContaining("org/tiny");
    assertThat(hub.requests()).noneMatch(r -> r.server().equals("cdn") || r.method().equals("GET")
        && r.path().contains("/resolve/"));
  }

  @Test
  void shouldLeaveAnUnreachableHubToTheTaskRetriesNotTheDeadLetters() {
    String closed = hub.endpoint();
    hub.server().close();

    assertThatThrownBy(() -> checkpoints(closed, false).fetch("hf://org/tiny", hub.commit(), LIMIT, metrics))
        .isInstanceOf(IOException.class).isNotInstanceOf(ModelSourceRefused.class);
  }
}
