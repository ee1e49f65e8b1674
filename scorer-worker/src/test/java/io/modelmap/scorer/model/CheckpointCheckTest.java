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

  @Test
  void aCompleteCheckpointOfASupportedTypePasses() throws Exception {
    assertThat(CheckpointCheck.problem(folder("ok", "{\"model_type\": \"gemma2\"}", "model.safetensors",
        "tokenizer.json"))).isEmpty();
    assertThat(CheckpointCheck.problem(folder("bin", "{\"model_type\": \"opt\"}", "pytorch_model.bin",
        "tokenizer.json"))).isEmpty();
  }

  @Test
  void namesTheProblemOfEachRefusedFolder() throws Exception {
    assertThat(CheckpointCheck.problem(folder("rwkv", "{\"model_type\": \"rwkv\"}", "model.safetensors",
        "tokenizer.json"))).hasValueSatisfying(p -> assertThat(p).contains("'rwkv' is a recurrent model"));
    assertThat(CheckpointCheck.problem(folder("broken", "{\"model_type\": ", "model.safetensors")))
        .hasValueSatisfying(p -> assertThat(p).contains("config.json cannot be read as JSON"));
    assertThat(CheckpointCheck.problem(folder("noweights", "{\"model_type\": \"llama\"}", "tokenizer.json")))
        .hasValueSatisfying(p -> assertThat(p).contains("has no weights"));
    assertThat(CheckpointCheck.problem(folder("spm", "{\"model_type\": \"llama\"}", "model.safetensors",
        "tokenizer.model"))).hasValueSatisfying(p -> assertThat(p).contains("only a SentencePiece tokenizer.model")
            .contains("save_pretrained"));
    assertThat(CheckpointCheck.problem(folder("notok", "{\"model_type\": \"llama\"}", "model.safetensors")))
        .hasValueSatisfying(p -> assertThat(p).contains("has no tokenizer.json"));
  }
}
