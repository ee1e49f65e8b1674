package io.modelmap.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The FLOP count per token on shapes worked by hand. */
class ModelShapeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode config(String json) throws IOException {
    return JSON.readTree(json.replace('\'', '"'));
  }

  /** Tensor name → shape, in the order given. */
  private static Map<String, long[]> shapes(Object... nameThenShape) {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    for (int i = 0; i < nameThenShape.length; i += 2) {
      shapes.put((String) nameThenShape[i], (long[]) nameThenShape[i + 1]);
    }
    return shapes;
  }

  private static long[] s(long... dims) {
    return dims;
  }

  private static void llamaLayer(Map<String, long[]> shapes, int layer, int inner) {
    String p = "model.layers." + layer + ".";
    shapes.put(p + "input_layernorm.weight", s(8));
    shapes.put(p + "self_attn.q_proj.weight", s(8, 8));
    shapes.put(p + "self_attn.k_proj.weight", s(4, 8));
    shapes.put(p + "self_attn.v_proj.weight", s(4, 8));
    shapes.put(p + "self_attn.o_proj.weight", s(8, 8));
    shapes.put(p + "post_attention_layernorm.weight", s(8));
    if (inner > 0) {
      shapes.put(p + "mlp.gate_proj.weight", s(inner, 8));
      shapes.put(p + "mlp.up_proj.weight", s(inner, 8));
      shapes.put(p + "mlp.down_proj.weight", s(8, inner));
    }
  }

  @Test
  void llamaWithGroupedQueriesAndAnUntiedHead() throws Exception {
    // width 8, 2 heads of 4, 1 key/value head, MLP 16, 2 layers, vocabulary 10, 5 tokens per text
    Map<String, long[]> shapes = shapes("model.embed_tokens.weight", s(10, 8));
    llamaLayer(shapes, 0, 16);
    llamaLayer(shapes, 1, 16);
    shapes.put("model.norm.weight", s(8));
    shapes.put("lm_head.weight", s(10, 8));
    JsonNode config = config("{'model_type': 'llama', 'hidden_size': 8, 'num_attention_heads': 2,"
        + " 'num_key_value_heads': 1, 'num_hidden_layers': 2, 'vocab_size': 10}");

    ModelShape shape = ModelShape.of(config, shapes, 5);

    // per layer q 8·8 + k 4·8 + v 4·8 + o 8·8 = 192, MLP 3·16·8 = 384: 576; two layers 1,152;
    // the embedding and the head (the logits) are not weight matmuls
    assertThat(shape.weightMacs()).isEqualTo(1152);
    assertThat(shape.width()).isEqualTo(8);
    assertThat(shape.headDim()).isEqualTo(4);
    // 2·1,152 + 2 layers · 4 · 5 tokens · 2 heads · 4 + 2 · 8 · 10 = 2,304 + 320 + 160
    assertThat(shape.flopsPerToken()).isEqualTo(2784);
    // 2 tables of 80, 2 layers of 576 + 16 norm weights, the final norm's 8
    assertThat(shape.parameters()).isEqualTo(80 + 2 * (576 + 16) + 8 + 80);
  }

  @Test
  void gpt2ConvolutionsAndPositionTable() throws Exception {
    // Conv1D stores [in, out]; the position table is a lookup; the head is tied (no lm_head tensor)
    Map<String, long[]> shapes = shapes("wte.weight", s(10, 8), "wpe.weight", s(32, 8),
        "h.0.attn.c_attn.weight", s(8, 24), "h.0.attn.c_attn.bias", s(24), "h.0.attn.c_proj.weight", s(8, 8),
        "h.0.mlp.c_fc.weight", s(8, 32), "h.0.mlp.c_proj.weight", s(32, 8), "ln_f.weight", s(8));
    JsonNode config = config("{'model_type': 'gpt2', 'n_embd': 8, 'n_head': 2, 'n_layer': 1, 'vocab_size': 10}");

    ModelShape shape = ModelShape.of(config, shapes, 3);

    assertThat(shape.weightMacs()).isEqualTo(8 * 24 + 8 * 8 + 2 * 8 * 32); // 12·w², GPT-2's 24·w² FLOPs
    assertThat(shape.flopsPerToken()).isEqualTo(2 * 768 + 4 * 3 * 2 * 4 + 2 * 8 * 10);
  }

  @Test
  void mixtureCountsTheRoutedExpertsOnly() throws Exception {
    // qwen2_moe names: 4 experts of inner width 6, top 2; a shared expert of 12 and its gate; 1 layer
    Map<String, long[]> shapes = shapes("model.embed_tokens.weight", s(10, 8));
    llamaLayer(shapes, 0, 0);
    shapes.put("model.layers.0.self_attn.q_proj.bias", s(8));
    shapes.put("model.layers.0.mlp.gate.weight", s(4, 8));
    for (int e = 0; e < 4; e++) {
      String p = "model.layers.0.mlp.experts." + e + ".";
      shapes.put(p + "gate_proj.weight", s(6, 8));
      shapes.put(p + "up_proj.weight", s(6, 8));
      shapes.put(p + "down_proj.weight", s(8, 6));
    }
    shapes.put("model.layers.0.mlp.shared_expert.gate_proj.weight", s(12, 8));
    shapes.put("model.layers.0.mlp.shared_expert.up_proj.weight", s(12, 8));
    shapes.put("model.layers.0.mlp.shared_expert.down_proj.weight", s(8, 12));
    shapes.put("model.layers.0.mlp.shared_expert_gate.weight", s(1, 8));
    shapes.put("lm_head.weight", s(10, 8));
    JsonNode config = config("{'model_type': 'qwen2_moe', 'hidden_size': 8, 'num_attention_heads': 2,"
        + " 'num_key_value_heads': 1, 'num_hidden_layers': 1, 'vocab_size': 10, 'num_experts': 4,"
        + " 'num_experts_per_tok': 2}");

    ModelShape shape = ModelShape.of(config, shapes, 5);

    // attention 192, router 4·8 = 32, 2 of the 4 experts of 3·6·8 = 144: 288, shared 3·12·8 = 288, its gate 8
    assertThat(shape.weightMacs()).isEqualTo(192 + 32 + 288 + 288 + 8);
    assertThat(shape.flopsPerToken()).isEqualTo(2 * 808 + 4 * 5 * 2 * 4 + 2 * 8 * 10);
    // every expert's parameters count, though a token uses two
    assertThat(shape.parameters()).isEqualTo(80 + 16 + 192 + 8 + 32 + 4 * 144 + 288 + 8 + 80);
  }

  @Test
  void expertsWithoutTopKAreRefused() throws Exception {
    Map<String, long[]> shapes = shapes("model.embed_tokens.weight", s(10, 8),
        "model.layers.0.block_sparse_moe.experts.0.w1.weight", s(6, 8),
        "model.layers.0.block_sparse_moe.experts.1.w1.weight", s(6, 8));
    JsonNode config = config("{'hidden_size': 8, 'num_attention_heads': 2, 'num_hidden_layers': 1, 'vocab_size': 10}");

    assertThatThrownBy(() -> ModelShape.of(config, shapes, 5)).isInstanceOf(IOException.class)
        .hasMessageContaining("num_experts_per_tok");
  }

  @Test
  void aHeadWidthOfItsOwnSetsTheAttentionTerm() throws Exception {
    // Gemma / Qwen3: head_dim 8 with 2 heads on width 8, so the query is 16 wide
    Map<String, long[]> shapes = shapes("model.embed_tokens.weight", s(10, 8),
        "model.layers.0.self_attn.q_proj.weight", s(16, 8), "model.layers.0.self_attn.o_proj.weight", s(8, 16));
    JsonNode config = config("{'hidden_size': 8, 'num_attention_heads': 2, 'head_dim': 8, 'num_hidden_layers': 1,"
        + " 'vocab_size': 10}");

    ModelShape shape = ModelShape.of(config, shapes, 5);

    assertThat(shape.flopsPerToken()).isEqualTo(2 * 256 + 4 * 5 * 2 * 8 + 2 * 8 * 10);
  }
}
