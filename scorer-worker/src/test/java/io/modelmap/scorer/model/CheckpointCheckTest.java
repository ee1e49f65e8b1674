package io.modelmap.scorer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check map runs on every folder before anything starts: one line naming what is wrong. */
class CheckpointCheckTest {
  @TempDir
  Path dir;

  private Path folder(String name, String config, String... files) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(name));
    Files.writeString(folder.resolve("config.json"), config);
    for (String file : files) {
      Files.write(folder.resolve(file), new byte[8]);
    }
    return folder;
  }

  private static Path fixture(String name) throws Exception {
    return Path.of(CheckpointCheckTest.class.getResource("/fixtures/" + name + "/config.json").toURI()).getParent();
  }

  @Test
  void aCompleteCheckpointOfASupportedTypePasses() throws Exception {
    assertThat(CheckpointCheck.problem(fixture("gemma2"))).isEmpty();
    assertThat(CheckpointCheck.problem(fixture("gpt_neox_bin"))).isEmpty();
  }

  @Test
  void aTruncatedWeightsFileIsNamedBeforeAnythingStarts() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("truncated"));
    for (String file : new String[] {"config.json", "tokenizer.json"}) {
      Files.copy(fixture("llama").resolve(file), folder.resolve(file));
    }
    byte[] weights = Files.readAllBytes(fixture("llama").resolve("model.safetensors"));
    Files.write(folder.resolve("model.safetensors"), java.util.Arrays.copyOf(weights, weights.length / 2));
    assertThat(CheckpointCheck.problem(folder)).hasValueSatisfying(p -> assertThat(p).contains("is truncated")
        .contains("download it again"));
  }

  @Test
  void namesTheProblemOfEachRefusedFolder() throws Exception {
    assertThat(CheckpointCheck.problem(folder("rwkv", "{\"model_type\": \"rwkv\"}", "model.safetensors",
        "tokenizer.json"))).hasValueSatisfying(p -> assertThat(p).contains("'rwkv' is a recurrent model"));
    assertThat(CheckpointCheck.problem(folder("broken", "{\"model_type\": ", "model.safetensors")))
        .hasValueSatisfying(p -> assertThat(p).contains("config.json cannot be read as JSON"));
    assertThat(CheckpointCheck.problem(folder("noweights", "{\"model_type\": \"llama\"}", "tokenizer.json")))
        .hasValueSatisfying(p -> assertThat(p).contains("has no weights"));
    Path spm = Files.createDirectories(dir.resolve("spm"));
    Files.copy(fixture("llama").resolve("config.json"), spm.resolve("config.json"));
    Files.copy(fixture("llama").resolve("model.safetensors"), spm.resolve("model.safetensors"));
    Files.write(spm.resolve("tokenizer.model"), new byte[8]);
    assertThat(CheckpointCheck.problem(spm)).hasValueSatisfying(p -> assertThat(p)
        .contains("only a SentencePiece tokenizer.model").contains("save_pretrained"));
    Files.delete(spm.resolve("tokenizer.model"));
    assertThat(CheckpointCheck.problem(spm)).hasValueSatisfying(p -> assertThat(p).contains("has no tokenizer.json"));
  }
}
