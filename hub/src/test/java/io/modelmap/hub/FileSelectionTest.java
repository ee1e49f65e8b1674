package io.modelmap.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Configuration, tokenizer and weights only; a pickle only without safetensors; never code. */
class FileSelectionTest {
  @Test
  void shouldTakeConfigTokenizerAndSafetensorsShards() {
    assertThat(FileSelection.select(List.of(".gitattributes", "README.md", "config.json", "generation_config.json",
        "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.json", "merges.txt",
        "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors", "model.safetensors.index.json",
        "pytorch_model.bin", "pytorch_model.bin.index.json", "modeling_x.py", "tokenization_x.py",
        "onnx/model.onnx", "original/consolidated.safetensors", "tf_model.h5", "flax_model.msgpack")))
        .containsExactly("config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "vocab.json", "merges.txt", "model-00001-of-00002.safetensors",
            "model-00002-of-00002.safetensors", "model.safetensors.index.json");
  }

  @Test
  void shouldTakePytorchWeightsOnlyWhenThereAreNoSafetensors() {
    assertThat(FileSelection.select(List.of("config.json", "pytorch_model-00001-of-00002.bin",
        "pytorch_model-00002-of-00002.bin", "pytorch_model.bin.index.json", "training_args.bin", "vocab.txt")))
        .containsExactly("config.json", "pytorch_model-00001-of-00002.bin", "pytorch_model-00002-of-00002.bin",
            "pytorch_model.bin.index.json", "vocab.txt");
  }

  @Test
  void shouldNeverTakeCodeWhateverItsName() {
    assertThat(FileSelection.select(List.of("config.json", "model.safetensors.py", "tokenizer.json.py",
        "configuration.py"))).containsExactly("config.json");
  }
}
