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

  @Test
  void shouldResumeADownloadCutHalfwayWithARangeRequest() throws IOException {
    byte[] weights = files.get("model.safetensors");
    String sha = sha256(weights);
    long half = weights.length / 2;
    hub.cutOnce(sha, half);

    HubSnapshot snapshot = client().resolve(HubModelId.parse("org/tiny"));

    List<HubStandIn.Request> gets = hub.requests().stream().filter(r -> r.server().equals("cdn")).toList();
    assertThat(gets).extracting(HubStandIn.Request::range).containsExactly(null, "bytes=" + half + "-");
    assertThat(Files.readAllBytes(snapshot.folder().resolve("model.safetensors"))).isEqualTo(weights);
    assertThat(repoFolder().resolve("blobs").resolve(sha + ".incomplete")).doesNotExist();
    assertThat(snapshot.files()).filteredOn(f -> f.path().equals("model.safetensors"))
        .extracting(FileFetch::bytes).containsExactly((long) weights.length);
  }

  @Test
  void shouldCutADownloadThatStallsAndResumeIt() throws IOException {
    byte[] weights = files.get("model.safetensors");
    hub.stallOnce(sha256(weights), 1000);
    HubClient client = HubClient.builder(settings(Optional.empty(), false)).optRetry(FAST_RETRY)
        .optTimeouts(new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(300))).build();
    long start = System.nanoTime();

    HubSnapshot snapshot = client.resolve(HubModelId.parse("org/tiny"));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(hub.requests()).filteredOn(r -> r.server().equals("cdn")).extracting(HubStandIn.Request::range)
        .containsExactly(null, "bytes=1000-");
    assertThat(Files.readAllBytes(snapshot.folder().resolve("model.safetensors"))).isEqualTo(weights);
  }

  @Test
  void shouldResumeTheIncompleteFileAnEarlierRunLeft() throws IOException {
    byte[] weights = files.get("model.safetensors");
    String sha = sha256(weights);
    int part = weights.length / 3;
    Path incomplete = repoFolder().resolve("blobs").resolve(sha + ".incomplete");
    Files.createDirectories(incomplete.getParent());
    Files.write(incomplete, java.util.Arrays.copyOf(weights, part));

    HubSnapshot snapshot = client().resolve(HubModelId.parse("org/tiny"));

    assertThat(hub.requests()).filteredOn(r -> r.server().equals("cdn")).extracting(HubStandIn.Request::range)
        .containsExactly("bytes=" + part + "-");
    assertThat(Files.readAllBytes(snapshot.folder().resolve("model.safetensors"))).isEqualTo(weights);
    assertThat(snapshot.files()).filteredOn(f -> f.path().equals("model.safetensors"))
        .extracting(FileFetch::bytes).containsExactly((long) weights.length - part);
  }

  @Test
  void shouldRefuseAndNotKeepABlobWhoseSha256DoesNotMatch() throws IOException {
    String sha = sha256(files.get("model.safetensors"));
    hub.corrupt(sha);

    assertThatThrownBy(() -> client().resolve(HubModelId.parse("org/tiny")))
        .isInstanceOf(HubException.class)
        .satisfies(e -> assertThat(((HubException) e).kind()).isEqualTo(HubException.Kind.INTEGRITY))
        .hasMessageStartingWith("model.safetensors of org/tiny@" + commit + " has sha256 ")
        .hasMessageEndingWith(", the Hub's is " + sha + "; the download was deleted")
        .hasMessageNotContaining("\n");
    assertThat(list(repoFolder().resolve("blobs"))).noneMatch(name -> name.startsWith(sha));
    assertThat(repoFolder().resolve("snapshots").resolve(commit).resolve("model.safetensors")).doesNotExist();
    assertThat(hub.count("GET", p -> p.startsWith("/blobs/"))).as("a mismatch is not retried").isEqualTo(1);
  }

  @Test
  void shouldSayInOneLineThatAGatedModelNeedsAccess() {
    hub.repo("org/gated").push(files);
    hub.repo("org/gated").gate("hf_granted");
    String expected = "model org/gated needs access: request it on the Hub page " + hub.endpoint()
        + "/org/gated, then set HF_TOKEN";

    assertThatThrownBy(() -> client().resolve(HubModelId.parse("org/gated")))
        .isInstanceOf(HubException.class).hasMessage(expected);
    assertThatThrownBy(() -> client(Optional.of("hf_wrong"), false).resolve(HubModelId.parse("org/gated")))
        .isInstanceOf(HubException.class).hasMessage(expected + " (the HF_TOKEN set does not grant it)");
    assertThat(hub.count("GET", p -> p.startsWith("/api/")))
        .as("401 is an answer, not retried").isEqualTo(2);
  }

  @Test
  void shouldSendTheTokenToTheHubButNotToTheCdn() {
    hub.repo("org/gated").push(files);
    hub.repo("org/gated").gate("hf_granted");

    HubSnapshot snapshot = client(Optional.of("hf_granted"), false).resolve(HubModelId.parse("org/gated"));

    assertThat(snapshot.downloaded()).hasSize(3);
    assertThat(hub.requests()).filteredOn(r -> r.server().equals("hub")).isNotEmpty()
        .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer hf_granted"));
    assertThat(hub.requests()).filteredOn(r -> r.server().equals("cdn")).hasSize(1)
        .allSatisfy(r -> assertThat(r.authorization()).isNull());
  }

  @Test
  void shouldNameTheModelAndRevisionOnA404() {
    assertThatThrownBy(() -> client().resolve(HubModelId.parse("org/missing")))
        .isInstanceOf(HubException.class)
        .hasMessage("no model org/missing at revision main on " + hub.endpoint());
    assertThatThrownBy(() -> client().resolve(HubModelId.parse("org/tiny@v9")))
        .isInstanceOf(HubException.class)
        .hasMessage("no model org/tiny at revision v9 on " + hub.endpoint());
  }

  @Test
  void shouldFetchEachBlobOnceWhenTwoThreadsShareACache() throws Exception {
    // the CDN answers only once both threads have asked for the weights' metadata: both want the blob at once
    hub.holdCdnUntil(requests -> requests.stream()
        .filter(r -> r.method().equals("HEAD") && r.path().endsWith("/model.safetensors")).count() >= 2);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var first = pool.submit(() -> client().resolve(HubModelId.parse("org/tiny")));
      var second = pool.submit(() -> client().resolve(HubModelId.parse("org/tiny")));
      HubSnapshot a = first.get(30, java.util.concurrent.TimeUnit.SECONDS);
      HubSnapshot b = second.get(30, java.util.concurrent.TimeUnit.SECONDS);

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

  @Test
  void shouldKeepWhatAPinnedCommitResolvesToWhenTheBranchMoves() throws IOException {
    HubSnapshot before = client().resolve(HubModelId.parse("org/tiny@main"));
    Map<String, byte[]> changed = new java.util.LinkedHashMap<>(files);
    changed.put("config.json", "{\"model_type\": \"llama\", \"moved\": true}".getBytes(StandardCharsets.UTF_8));
    String moved = hub.repo("org/tiny").push(changed);

    HubSnapshot pinned = client().resolve(HubModelId.parse("org/tiny@" + commit));
    HubSnapshot pinnedOffline = client(Optional.empty(), true).resolve(HubModelId.parse("org/tiny@" + commit));
    HubSnapshot main = client().resolve(HubModelId.parse("org/tiny@main"));

    assertThat(pinned.commit()).isEqualTo(commit).isEqualTo(before.commit());
    assertThat(pinned.folder()).isEqualTo(before.folder());
    assertThat(pinnedOffline.folder()).isEqualTo(before.folder());
    assertThat(Files.readAllBytes(pinned.folder().resolve("config.json"))).isEqualTo(files.get("config.json"));
    assertThat(main.commit()).isEqualTo(moved);
    assertThat(Files.readAllBytes(main.folder().resolve("config.json"))).isEqualTo(changed.get("config.json"));
    assertThat(Files.readString(repoFolder().resolve("refs/main"))).isEqualTo(moved);
    assertThat(main.downloaded()).as("only the changed file").containsExactly("config.json");
  }

  @Test
  void shouldNeverFetchCodeNorFilesAScorerDoesNotNeed() throws IOException {
    hub.repo("org/extras").push(Fixtures.tinyLlamaWithExtras());

    HubSnapshot snapshot = client().resolve(HubModelId.parse("org/extras"));

    assertThat(list(snapshot.folder())).containsExactlyInAnyOrder("config.json", "tokenizer.json", "model.safetensors");
    assertThat(hub.requests()).extracting(HubStandIn.Request::path)
        .noneMatch(p -> p.endsWith(".py") || p.endsWith(".bin") || p.contains("onnx") || p.endsWith("README.md")
            || p.endsWith(".gitattributes"));
  }

  @Test
  void shouldRefuseAModelOverTheSizeLimitBeforeDownloadingAnything() {
    long total = files.values().stream().mapToLong(b -> b.length).sum();
    HubClient limited = HubClient.builder(settings(Optional.empty(), false)).optSizeLimit(total - 1)
        .optRetry(FAST_RETRY).build();

    assertThatThrownBy(() -> limited.resolve(HubModelId.parse("org/tiny")))
        .isInstanceOf(HubException.class)
        .hasMessage("model org/tiny@main needs " + HubClient.bytes(total) + " in 3 files, more than the limit of "
            + HubClient.bytes(total - 1));
    assertThat(hub.requests()).extracting(HubStandIn.Request::method).containsExactly("GET");
  }

  @Test
  void shouldRetryA503AfterTheRetryAfterItAsks() {
    hub.fail(503, Optional.of(Duration.ofSeconds(1)), 1);
    long start = System.nanoTime();

    HubSnapshot snapshot = client().resolve(HubModelId.parse("org/tiny"));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(snapshot.commit()).isEqualTo(commit);
    assertThat(hub.count("GET", p -> p.startsWith("/api/"))).isEqualTo(2);
  }

  @Test
  void shouldGiveUpAfterTheBoundedRetriesWithOneLine() {
    hub.fail(500, Optional.empty(), 100);

    assertThatThrownBy(() -> client().resolve(HubModelId.parse("org/tiny")))
        .isInstanceOf(HubException.class)
        .satisfies(e -> assertThat(((HubException) e).kind()).isEqualTo(HubException.Kind.NETWORK))
        .hasMessage("GET " + hub.endpoint() + "/api/models/org/tiny/revision/main?blobs=true failed 3 times, last: HTTP 500 from "
            + hub.endpoint() + "/api/models/org/tiny/revision/main?blobs=true");
    assertThat(hub.count("GET", p -> p.startsWith("/api/"))).isEqualTo(3);
  }

  @Test
  void shouldUseTheCacheWhenTheHubKeepsFailing() {
    HubSnapshot first = client().resolve(HubModelId.parse("org/tiny"));
    hub.fail(503, Optional.empty(), 100);

    HubSnapshot again = client().resolve(HubModelId.parse("org/tiny"));

    assertThat(again.folder()).isEqualTo(first.folder());
    assertThat(again.downloaded()).isEmpty();
  }

  @Test
  void shouldFollowARelativeRedirectOfARenamedRepository() throws IOException {
    hub.rename("old-org/tiny", "org/tiny");

    HubSnapshot snapshot = client().resolve(HubModelId.parse("old-org/tiny"));

    assertThat(snapshot.commit()).isEqualTo(commit);
    assertThat(snapshot.folder()).startsWith(home.resolve("hub/models--old-org--tiny"));
    assertThat(Files.readAllBytes(snapshot.folder().resolve("model.safetensors")))
        .isEqualTo(files.get("model.safetensors"));
  }

  @Test
  void shouldStoreARefWithSlashesAsNestedFoldersLikeHuggingfaceHub() throws IOException {
    hub.repo("org/tiny").branch("refs/pr/1", commit);

    HubSnapshot snapshot = client().resolve(HubModelId.parse("org/tiny@refs/pr/1"));

    assertThat(hub.requests().get(0).path()).isEqualTo("/api/models/org/tiny/revision/refs%2Fpr%2F1");
    assertThat(Files.readString(repoFolder().resolve("refs/refs/pr/1"))).isEqualTo(commit);
    assertThat(client(Optional.empty(), true).resolve(HubModelId.parse("org/tiny@refs/pr/1")).folder())
        .isEqualTo(snapshot.folder());
  }

  @Test
  void shouldGiveUpOnAnUnreachableHubWithOneLine() throws IOException {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    HubSettings nowhere = new HubSettings(home, home.resolve("hub"), "http://127.0.0.1:" + closedPort, Optional.empty(),
        false);

    assertThatThrownBy(() -> HubClient.builder(nowhere).optRetry(FAST_RETRY).optTimeouts(SHORT).build()
        .resolve(HubModelId.parse("org/tiny")))
        .isInstanceOf(HubException.class)
        .hasMessageStartingWith("GET http://127.0.0.1:" + closedPort + "/api/models/org/tiny/revision/main?blobs=true"
            + " failed 3 times, last: ConnectException")
        .hasMessageNotContaining("\n");
  }

  @Test
  void shouldReportProgressUpToEachFilesSize() {
    Map<String, long[]> last = new java.util.concurrent.ConcurrentHashMap<>();
    HubClient client = HubClient.builder(settings(Optional.empty(), false)).optRetry(FAST_RETRY)
        .optProgress((file, done, total) -> last.put(file, new long[] {done, total})).build();

    client.resolve(HubModelId.parse("org/tiny"));

    files.forEach((name, bytes) -> assertThat(last.get(name)).as(name).containsExactly(bytes.length, bytes.length));
  }

  static List<String> list(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
