package io.modelmap.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.hubstandin.HubStandIn;
import io.modelmap.hubstandin.StandInRepo;
import io.modelmap.testsupport.hub.TinyLlama;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A model from the {@link HubStandIn} into a cache laid out as huggingface_hub lays it out, and found there again. */
class HubClientTest extends StandInHubTest {
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
    hub.repo("org/extras").push(TinyLlama.withExtras());

    HubSnapshot snapshot = client().resolve(HubModelId.parse("org/extras"));

    assertThat(list(snapshot.folder())).containsExactlyInAnyOrder("config.json", "tokenizer.json", "model.safetensors");
    assertThat(hub.requests()).extracting(HubStandIn.Request::path)
        .noneMatch(p -> p.endsWith(".py") || p.endsWith(".bin") || p.contains("onnx") || p.endsWith("README.md")
            || p.endsWith(".gitattributes"));
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
  void shouldFollowARelativeRedirectOfARenamedRepository() throws IOException {
    hub.rename("old-org/tiny", "org/tiny");

    HubSnapshot snapshot = client().resolve(HubModelId.parse("old-org/tiny"));

    assertThat(snapshot.commit()).isEqualTo(commit);
    assertThat(snapshot.folder()).startsWith(home.resolve("hub/models--old-org--tiny"));
    assertThat(Files.readAllBytes(snapshot.folder().resolve("model.safetensors")))
        .isEqualTo(files.get("model.safetensors"));
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
  void shouldReportProgressUpToEachFilesSize() {
    Map<String, long[]> last = new java.util.concurrent.ConcurrentHashMap<>();
    HubClient client = HubClient.builder(settings(Optional.empty(), false)).optRetry(FAST_RETRY)
        .optProgress((file, done, total) -> last.put(file, new long[] {done, total})).build();

    client.resolve(HubModelId.parse("org/tiny"));

    files.forEach((name, bytes) -> assertThat(last.get(name)).as(name).containsExactly(bytes.length, bytes.length));
  }
}
