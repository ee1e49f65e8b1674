package io.modelmap.scorer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.scorer.model.Gpt2Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Gpt2CheckpointTest {
  private static final Gpt2Config TINY = Gpt2Checkpoint.byteLevelConfig(4, 1, 2, 3);

  @TempDir
  Path dir;

  @Test
  void randomDrawsTheTokenEmbeddingFirstWithItsScaleAndLeavesBiasesZeroAndGainsOne() {
    // only wte has a non-zero scale: its 257·4 values are the first draws of Random(9), times 2
    Gpt2Checkpoint random = Gpt2Checkpoint.random(TINY, 9, new WeightScales(2, 0, 0, 0, 0, 0));
    Random draws = new Random(9);
    float[] wte = random.tensors().get("wte.weight");
    assertThat(wte).hasSize(257 * 4);
    for (float v : wte) {
      assertThat(v).isEqualTo((float) (2 * draws.nextGaussian()));
    }
    assertThat(random.tensors().get("h.0.attn.c_attn.weight")).hasSize(4 * 12);
    assertThat(largestMagnitude(random.tensors().get("h.0.attn.c_attn.weight"))).isZero(); // 0·g may be −0.0
    assertThat(random.tensors().get("h.0.mlp.c_fc.bias")).hasSize(16).containsOnly(0f);
    assertThat(random.tensors().get("ln_f.weight")).containsExactly(1f, 1f, 1f, 1f);
    assertThat(random.shape("h.0.mlp.c_proj.weight")).containsExactly(16, 4);
  }

  @Test
  void perturbedAddsNoiseProportionalToTheWeightButAtLeastFiveHundredthsOfTheScale() {
    Map<String, float[]> tensors = new LinkedHashMap<>();
    tensors.put("ln_f.bias", new float[] {0f, 2f});
    Gpt2Checkpoint perturbed = new Gpt2Checkpoint(TINY, tensors).perturbed(7, 0.1);
    Random draws = new Random(7);
    double first = draws.nextGaussian();
    double second = draws.nextGaussian();
    // |0| < 0.05, so the zero moves by 0.1·g·0.05; the 2 by 0.1·g·2
    assertThat(perturbed.tensors().get("ln_f.bias"))
        .containsExactly(0f + (float) (0.1 * first * 0.05), 2f + (float) (0.1 * second * 2));
    assertThat(tensors.get("ln_f.bias")).containsExactly(0f, 2f); // the source is left as it was
  }

  @Test
  void eachConfigFieldsFormWritesItsKeysInTheSameOrder() throws Exception {
    Gpt2Checkpoint checkpoint = Gpt2Checkpoint.initialised(TINY, 1);
    String shape = "model_type vocab_size n_positions n_embd n_layer n_head layer_norm_epsilon bos_token_id";
    assertThat(keys(checkpoint, ConfigFields.SHAPE_ONLY, "shape")).isEqualTo(shape);
    assertThat(keys(checkpoint, ConfigFields.DEMO, "demo")).isEqualTo(shape + " eos_token_id architectures");
    assertThat(keys(checkpoint, ConfigFields.COMPLETE, "complete")).isEqualTo("model_type vocab_size n_positions n_ctx"
        + " n_embd n_layer n_head layer_norm_epsilon bos_token_id eos_token_id torch_dtype architectures");
    assertThat(Gpt2Checkpoint.read(dir.resolve("shape")).tensors().get("wte.weight"))
        .containsExactly(checkpoint.tensors().get("wte.weight"));
  }

  @Test
  void refusesANegativeOrNonFiniteScale() {
    assertThatThrownBy(() -> new WeightScales(0.02, -0.01, 0.02, 0.02, 0.02, 0.02))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WeightScales(0.02, 0.01, Double.NaN, 0.02, 0.02, 0.02))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void gpt2ScalesShrinkTheResidualProjectionsByTheRootOfTwiceTheLayers() {
    // 4 layers: 0.02 / √8 = 0.00707106781...
    WeightScales scales = WeightScales.gpt2(4);
    assertThat(scales.attentionProjection()).isEqualTo(scales.feedForwardProjection()).isEqualTo(0.02 / Math.sqrt(8));
    assertThat(scales.tokenEmbedding()).isEqualTo(0.02);
    assertThat(scales.positionEmbedding()).isEqualTo(0.01);
  }

  private static float largestMagnitude(float[] values) {
    float largest = 0;
    for (float v : values) {
      largest = Math.max(largest, Math.abs(v));
    }
    return largest;
  }

  private String keys(Gpt2Checkpoint checkpoint, ConfigFields fields, String name) throws Exception {
    checkpoint.write(dir.resolve(name), fields, false);
    List<String> keys = new ArrayList<>();
    new ObjectMapper().readTree(Files.readString(dir.resolve(name).resolve("config.json"))).fieldNames()
        .forEachRemaining(keys::add);
    return String.join(" ", keys);
  }
}
