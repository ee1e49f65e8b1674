package io.modelmap.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.hubstandin.HubStandIn;
import io.modelmap.testsupport.hub.TinyLlama;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs on one cache folder download each blob once: the file lock works across processes. */
class TwoProcessesTest {
  @TempDir
  Path cache;

  @Test
  void shouldFetchEachBlobOnceWhenTwoProcessesShareACache() throws Exception {
    Map<String, byte[]> files = TinyLlama.files();
    try (HubStandIn hub = HubStandIn.start()) {
      hub.repo("org/tiny").push(files);
      // the CDN answers once both processes have asked for the weights' metadata: both want the blob at once
      hub.holdCdnUntil(requests -> requests.stream()
          .filter(r -> r.method().equals("HEAD") && r.path().endsWith("/model.safetensors")).count() >= 2);
      List<Process> processes = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            System.getProperty("java.class.path"), FetchProcess.class.getName(), hub.endpoint(), cache.toString(),
            "org/tiny").redirectErrorStream(true).start());
      }
      List<String> outputs = new ArrayList<>();
      for (Process process : processes) {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        outputs.add(output);
      }

      assertThat(hub.count("HEAD", p -> p.endsWith("/model.safetensors"))).isEqualTo(2);
      assertThat(hub.count("GET", p -> p.startsWith("/blobs/"))).isEqualTo(1);
      assertThat(hub.count("GET", p -> p.endsWith("/config.json"))).isEqualTo(1);
      assertThat(hub.count("GET", p -> p.endsWith("/tokenizer.json"))).isEqualTo(1);
      assertThat(String.join("", outputs)).containsOnlyOnce("model.safetensors");
      Path weights = cache.resolve("models--org--tiny/snapshots").toFile().listFiles(File::isDirectory)[0].toPath()
          .resolve("model.safetensors");
      assertThat(Files.readAllBytes(weights)).isEqualTo(files.get("model.safetensors"));
    }
  }
}
