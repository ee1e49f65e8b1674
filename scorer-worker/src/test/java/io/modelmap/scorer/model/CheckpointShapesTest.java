package io.modelmap.scorer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shapes read from headers and pickles alone, the same whichever format holds the tensors. */
class CheckpointShapesTest {
  private static Path fixture(String name) throws Exception {
    return Path.of(CheckpointShapesTest.class.getResource("/fixtures/" + name + "/config.json").toURI()).getParent();
  }

  @Test
  void safetensorsHeaderGivesEveryShape() throws Exception {
    Map<String, long[]> shapes = CheckpointShapes.of(fixture("mixtral"));

    assertThat(shapes).hasSize(2 + 2 * (1 + 4 * 3 + 2 + 4) + 1); // embed, head; per layer; final norm
    assertThat(shapes.get("model.layers.1.block_sparse_moe.experts.3.w2.weight")).containsExactly(32, 24);
    assertThat(shapes.get("model.layers.0.block_sparse_moe.gate.weight")).containsExactly(4, 32);
    assertThat(shapes.get("model.norm.weight")).containsExactly(32);
  }

  @Test
  void pickledTwinsHaveTheSafetensorsShapes() throws Exception {
    Map<String, long[]> safetensors = CheckpointShapes.of(fixture("gpt_neox"));

    for (String twin : new String[] {"gpt_neox_bin", "gpt_neox_bin_sharded"}) {
      Map<String, long[]> pickled = CheckpointShapes.of(fixture(twin));
      assertThat(pickled.keySet()).containsAll(safetensors.keySet());
      safetensors.forEach((name, shape) -> assertThat(pickled.get(name)).as(twin + " " + name).containsExactly(shape));
    }
  }
}
