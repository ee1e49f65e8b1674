package io.modelmap.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.hubstandin.HubStandIn;
import io.modelmap.hubstandin.StandInRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Downloads that break off resume where they stopped; a blob that does not match its hash is never kept. */
class DownloadResumeTest extends StandInHubTest {
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
  void shouldRefuseABodyLongerThanTheHubAnnouncedAsItArrivesAndKeepNothing() throws IOException {
    byte[] weights = files.get("model.safetensors");
    String sha = sha256(weights);
    hub.overlongOnce(sha, 256 * 1024); // X-Linked-Size says weights.length; the CDN sends 256 KiB more

    assertThatThrownBy(() -> client().resolve(HubModelId.parse("org/tiny")))
        .isInstanceOf(HubException.class)
        .satisfies(e -> assertThat(((HubException) e).kind()).isEqualTo(HubException.Kind.INTEGRITY))
        .hasMessage("model.safetensors: the Hub sent more than the " + weights.length + " bytes it announced");
    assertThat(list(repoFolder().resolve("blobs"))).noneMatch(name -> name.startsWith(sha));
    assertThat(repoFolder().resolve("snapshots").resolve(commit).resolve("model.safetensors")).doesNotExist();
    assertThat(hub.count("GET", p -> p.startsWith("/blobs/"))).as("a broken size is not retried").isEqualTo(1);
  }

  @Test
  void shouldRefuseAndNotKeepASmallFileWhoseGitSha1DoesNotMatchItsEtag() throws IOException {
    String etag = StandInRepo.gitSha1(files.get("config.json"));
    hub.corrupt(etag);

    assertThatThrownBy(() -> client().resolve(HubModelId.parse("org/tiny")))
        .isInstanceOf(HubException.class)
        .hasMessageStartingWith("config.json of org/tiny@" + commit + " has git sha1 ")
        .hasMessageEndingWith(", the Hub's ETag is " + etag + "; the download was deleted");
    assertThat(list(repoFolder().resolve("blobs"))).noneMatch(name -> name.startsWith(etag));
    assertThat(repoFolder().resolve("snapshots").resolve(commit).resolve("config.json")).doesNotExist();
  }
}
