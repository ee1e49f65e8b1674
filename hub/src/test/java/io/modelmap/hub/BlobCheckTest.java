package io.modelmap.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.hubstandin.StandInRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small file is checked against its git blob sha1 ETag, a large one against its sha256, both against the size. */
class BlobCheckTest {
  static final byte[] CONFIG = "{\"model_type\": \"llama\"}\n".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  @Test
  void shouldAcceptASmallFileMatchingItsGitBlobSha1() throws Exception {
    Path file = Files.write(dir.resolve("f.incomplete"), CONFIG);
    // printed by `printf '{"model_type": "llama"}\n' | git hash-object --stdin`
    String gitHashObject = "9eddb62b076f586b2186445e7872e5a05f0dfe06";
    assertThatNoException().isThrownBy(() -> BlobCheck.verify(file, gitHashObject,
        OptionalLong.of(CONFIG.length), "config.json"));
    assertThat(file).exists();
  }

  @Test
  void shouldRefuseAndDeleteASmallFileWithAnotherGitSha1() throws Exception {
    byte[] changed = CONFIG.clone();
    changed[3] = 'M';
    Path file = Files.write(dir.resolve("f.incomplete"), changed);

    assertThatThrownBy(() -> BlobCheck.verify(file, "9eddb62b076f586b2186445e7872e5a05f0dfe06",
        OptionalLong.of(CONFIG.length), "config.json")).isInstanceOf(HubException.class)
        .hasMessageContaining("config.json has git sha1 ");
    assertThat(file).doesNotExist();
  }

  @Test
  void shouldRefuseAFileOfAnotherSizeThanTheHubSays() throws Exception {
    Path file = Files.write(dir.resolve("f.incomplete"), CONFIG);

    assertThatThrownBy(() -> BlobCheck.verify(file, StandInRepo.sha256(CONFIG), OptionalLong.of(CONFIG.length + 1),
        "model.safetensors")).isInstanceOf(HubException.class)
        .hasMessage("model.safetensors has " + CONFIG.length + " bytes, the Hub says " + (CONFIG.length + 1)
            + "; the download was deleted");
    assertThat(file).doesNotExist();
  }
}
