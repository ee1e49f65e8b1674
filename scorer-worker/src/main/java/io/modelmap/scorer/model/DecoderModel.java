package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;

/**
 * A decoder-only transformer assembled from the shared pieces: the embeddings, the layers and the
 * output head that a family class ({@code *Family}) builds from its checkpoint. Every family except
 * GPT-2 (which also generates with a KV cache, {@link Gpt2Model}) runs through this one forward pass.
 */
final class DecoderModel extends TransformerLm {
  private final Embeddings embeddings;
  private final List<DecoderLayer> layers;
  private final OutputHead head;
  private final int contextLength;
  private final long startTokenId;
  private final int lengthBoundary;

  DecoderModel(NDManager manager, WeightMap weights, Embeddings embeddings, List<DecoderLayer> layers, OutputHead head,
      int contextLength, long startTokenId) {
    super(manager, weights);
    this.embeddings = embeddings;
    this.layers = List.copyOf(layers);
    this.head = head;
    this.contextLength = contextLength;
    this.startTokenId = startTokenId;
    this.lengthBoundary = layers.stream().mapToInt(l -> l.attention().lengthBoundary()).min()
        .orElse(Integer.MAX_VALUE);
  }

  /**
   * Token embeddings, times {@code scale} (Gemma, XGLM, Granite), plus position embeddings from
   * {@code positions} at position + {@code positionOffset} (GPT-2-like: 0; OPT and XGLM: 2), with an
   * optional projection before the positions (OPT-350m's project_in) and norm after (BLOOM).
   *
   * @param positions [positions, width], or null without learned or sinusoidal positions
   */
  record Embeddings(NDArray tokens, double scale, NDArray positions, int positionOffset, Norm norm, Linear projectIn) {
    static Embeddings tokens(NDArray table) {
      return new Embeddings(table, 1, null, 0, null, null);
    }

    NDArray apply(NDArray tokenIds) {
      NDArray x = Ops.embed(tokenIds, tokens);
      if (scale != 1) {
        // the scale is rounded to the weights' dtype first, as transformers casts its normaliser
        x = x.mul(x.getManager().create((float) scale).toType(x.getDataType(), false));
      }
      if (projectIn != null) { // OPT-350m: positions join after the projection to the model's width
        x = projectIn.apply(x);
      }
      if (positions != null) {
        long batch = tokenIds.getShape().get(0);
        long length = tokenIds.getShape().get(1);
        NDArray at = tokenIds.getManager().arange(positionOffset, positionOffset + (int) length, 1, DataType.INT64)
            .broadcast(batch, length);
        x = x.add(Ops.embed(at, positions));
      }
      return norm == null ? x : norm.apply(x);
    }
  }

  /**
   * The final norm (null for OPT-350m's post-norm), an optional projection back to the embedding width,
   * the output embedding and bias, then logits ÷ {@code divisor} (Granite's logits_scaling) and
   * soft-capped at {@code softCap} (Gemma 2; 0 for none).
   */
  record OutputHead(Norm finalNorm, Linear projectOut, NDArray weight, NDArray bias, double divisor, double softCap) {
    static OutputHead of(Norm finalNorm, NDArray weight) {
      return new OutputHead(finalNorm, null, weight, null, 1, 0);
    }
  }

  @Override
  NDArray hidden(NDArray tokenIds) {
    NDArray x = embeddings.apply(tokenIds);
    AttentionMasks masks = new AttentionMasks(tokenIds.getManager(), (int) tokenIds.getShape().get(1));
    for (DecoderLayer layer : layers) {
      x = layer.apply(x, masks);
    }
    if (head.finalNorm() != null) {
      x = head.finalNorm().apply(x);
    }
    return head.projectOut() == null ? x : head.projectOut().apply(x);
  }

  @Override
  NDArray outputEmbedding() {
    return head.weight();
  }

  @Override
  NDArray outputBias() {
    return head.bias();
  }

  @Override
  NDArray finishLogits(NDArray logits) {
    NDArray x = head.divisor() == 1 ? logits : logits.div(head.divisor());
    return head.softCap() > 0 ? x.div(head.softCap()).tanh().mul(head.softCap()) : x;
  }

  @Override
  public int lengthBoundary() {
    return lengthBoundary;
  }

  @Override
  public int contextLength() {
    return contextLength;
  }

  @Override
  public long startTokenId() {
    return startTokenId;
  }
}
