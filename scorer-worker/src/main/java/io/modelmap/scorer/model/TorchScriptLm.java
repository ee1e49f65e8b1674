package io.modelmap.scorer.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A causal LM traced to TorchScript ({@code torchscript.pt}: token ids [batch, length] in, logits
 * [batch, length, vocab] out), for architectures not implemented here. Its {@code config.json} gives
 * the context length and the start token. TorchScript can run code when loaded, so sources are only
 * accepted from roots that opt in (see the worker's model sources).
 */
public final class TorchScriptLm implements CausalLm {
  /** The file name a traced model must have in its folder. */
  public static final String FILE_NAME = "torchscript.pt";

  private final Model model;
  private final Block block;
  private final int contextLength;
  private final long startTokenId;

  private TorchScriptLm(Model model, int contextLength, long startTokenId) {
    this.model = model;
    this.block = model.getBlock();
    this.contextLength = contextLength;
    this.startTokenId = startTokenId;
  }

  static TorchScriptLm load(Path dir, JsonNode config, Device device) throws IOException {
    int context = firstInt(config, dir, "max_position_embeddings", "n_positions", "n_ctx", "max_sequence_length");
    long start = config.hasNonNull("bos_token_id") ? config.get("bos_token_id").asLong()
        : firstInt(config, dir, "eos_token_id"); // no BOS: the document separator starts the text
    Model model = Model.newInstance("torchscript", device, "PyTorch");
    try {
      model.load(dir, FILE_NAME.replace(".pt", ""), Map.of("mapLocation", "true"));
      return new TorchScriptLm(model, context, start);
    } catch (MalformedModelException | RuntimeException e) {
      model.close();
      throw new IOException(dir.resolve(FILE_NAME) + " is not a loadable TorchScript module: " + e.getMessage(), e);
    }
  }

  private static int firstInt(JsonNode config, Path dir, String... names) throws IOException {
    for (String name : names) {
      if (config.hasNonNull(name)) {
        return config.get(name).asInt();
      }
    }
    throw new IOException(dir.resolve("config.json") + " names none of " + String.join(", ", names));
  }

  @Override
  public NDArray logits(NDArray tokenIds) {
    NDList out = block.forward(new ParameterStore(tokenIds.getManager(), false), new NDList(tokenIds), false);
    NDArray logits = out.head();
    if (logits.getShape().dimension() != 3) {
      throw new IllegalStateException("the traced model must return logits [batch, length, vocab], returned "
          + logits.getShape());
    }
    return logits.toType(DataType.FLOAT32, false);
  }

  /** The traced model forms every logit at once (in float32); log-softmax and gather on the device. */
  @Override
  public float[] targetLogProbabilities(NDArray tokenIds, long[] targets, long logitBudget) {
    NDArray logits = logits(tokenIds);
    NDArray targetIds = logits.getManager().create(targets, new Shape(targets.length, 1));
    return logits.reshape(targets.length, logits.getShape().get(2)).logSoftmax(1).gather(targetIds, 1).toFloatArray();
  }

  @Override
  public int contextLength() {
    return contextLength;
  }

  @Override
  public long startTokenId() {
    return startTokenId;
  }

  @Override
  public void close() {
    model.close();
  }
}
