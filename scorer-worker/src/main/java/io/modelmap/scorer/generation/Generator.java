package io.modelmap.scorer.generation;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.modelmap.scorer.model.IncrementalLm;
import io.modelmap.scorer.model.KvCache;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Generates a response per prompt: prompts of a batch are left-padded to one length and fed once
 * (each attends to its own tokens only), then one token per step against the {@link KvCache}. The
 * prompt starts with the model's start token, keeps its last tokens when it would not leave room for
 * {@code maxNewTokens} in the context, and the response ends at the start/end token, at a stop string
 * (cut before it) or after {@code maxNewTokens}.
 */
public final class Generator {
  private final IncrementalLm model;
  private final HuggingFaceTokenizer tokenizer;
  private final NDManager manager;
  private final GenerationSettings settings;

  /** A prompt with its id (the id seeds its sampling stream). */
  public record Prompt(String id, String text) {}

  public Generator(IncrementalLm model, HuggingFaceTokenizer tokenizer, NDManager manager, GenerationSettings settings) {
    if (settings.maxNewTokens() >= model.contextLength()) {
      throw new IllegalArgumentException(settings.maxNewTokens() + " new tokens leave no room for a prompt in a context"
          + " of " + model.contextLength());
    }
    this.model = model;
    this.tokenizer = tokenizer;
    this.manager = manager;
    this.settings = settings;
  }

  public List<String> generate(List<Prompt> prompts) {
    List<String> responses = new ArrayList<>();
    for (int start = 0; start < prompts.size(); start += settings.batchSize()) {
      responses.addAll(batch(prompts.subList(start, Math.min(prompts.size(), start + settings.batchSize()))));
    }
    return responses;
  }

  private List<String> batch(List<Prompt> prompts) {
    int rows = prompts.size();
    int room = model.contextLength() - settings.maxNewTokens();
    long[][] ids = new long[rows][];
    int longest = 0;
    for (int r = 0; r < rows; r++) {
      long[] text = tokenizer.encode(prompts.get(r).text()).getIds();
      long[] withStart = new long[text.length + 1];
      withStart[0] = model.startTokenId();
      System.arraycopy(text, 0, withStart, 1, text.length);
      ids[r] = withStart.length <= room ? withStart : Arrays.copyOfRange(withStart, withStart.length - room,
          withStart.length);
      longest = Math.max(longest, ids[r].length);
    }
    int[] padding = new int[rows];
    long[] tokens = new long[rows * longest];
    long[] positions = new long[rows * longest];
    for (int r = 0; r < rows; r++) {
      padding[r] = longest - ids[r].length;
      for (int j = 0; j < ids[r].length; j++) {
        tokens[r * longest + padding[r] + j] = ids[r][j];
        positions[r * longest + padding[r] + j] = j;
      }
    }
    Random[] streams = new Random[rows];
    for (int r = 0; r < rows; r++) {
      streams[r] = new Random(settings.seed() * 1_000_003L + prompts.get(r).id().hashCode());
    }
    List<List<Long>> generated = new ArrayList<>();
    boolean[] done = new boolean[rows];
    for (int r = 0; r < rows; r++) {
      generated.add(new ArrayList<>());
    }
    try (NDManager scope = manager.newSubManager(); KvCache cache = model.newCache(scope)) {
      float[] logits = step(scope, cache, tokens, positions, prefillBias(padding, longest), rows, longest);
      long[] last = new long[rows];
      for (int t = 0; t < settings.maxNewTokens(); t++) {
        int vocab = logits.length / rows;
        boolean all = true;
        for (int r = 0; r < rows; r++) {
          last[r] = choose(logits, r * vocab, vocab, streams[r]);
          if (!done[r]) {
            if (last[r] == model.startTokenId()) {
              done[r] = true;
            } else {
              generated.get(r).add(last[r]);
              done[r] = stopped(generated.get(r));
            }
          }
          all &= done[r];
        }
        if (all || t == settings.maxNewTokens() - 1) {
          break;
        }
        long[] nextPositions = new long[rows];
        for (int r = 0; r < rows; r++) {
          nextPositions[r] = ids[r].length + t;
        }
        logits = step(scope, cache, last, nextPositions, stepBias(padding, longest + t + 1), rows, 1);
      }
    }
    List<String> responses = new ArrayList<>();
    for (List<Long> g : generated) {
      responses.add(cut(decode(g)));
    }
    return responses;
  }

  private float[] step(NDManager scope, KvCache cache, long[] tokens, long[] positions, float[] bias, int rows,
      int length) {
    try (NDManager stepScope = scope.newSubManager()) {
      NDArray ids = stepScope.create(tokens, new Shape(rows, length));
      NDArray pos = stepScope.create(positions, new Shape(rows, length));
      long keys = cache.length() + length;
      NDArray b = stepScope.create(bias, new Shape(rows, 1, length, keys));
      return model.nextLogits(ids, pos, b, cache).toFloatArray(); // float32 already
    }
  }

  /** Row r's query i may see key j when j ≤ i and j is not padding; a padding query sees itself (no empty row). */
  private static float[] prefillBias(int[] padding, int length) {
    float[] bias = new float[padding.length * length * length];
    for (int r = 0; r < padding.length; r++) {
      for (int i = 0; i < length; i++) {
        for (int j = 0; j < length; j++) {
          boolean visible = (j <= i && j >= padding[r]) || i == j;
          bias[(r * length + i) * length + j] = visible ? 0 : Float.NEGATIVE_INFINITY;
        }
      }
    }
    return bias;
  }

  private static float[] stepBias(int[] padding, int keys) {
    float[] bias = new float[padding.length * keys];
    for (int r = 0; r < padding.length; r++) {
      for (int j = 0; j < padding[r]; j++) {
        bias[r * keys + j] = Float.NEGATIVE_INFINITY;
      }
    }
    return bias;
  }

  /** Greedy (ties to the lowest id), or a draw from softmax(logits / temperature). */
  private long choose(float[] logits, int offset, int vocab, Random stream) {
    if (settings.temperature() == 0) {
      int best = 0;
      for (int v = 1; v < vocab; v++) {
        if (logits[offset + v] > logits[offset + best]) {
          best = v;
        }
      }
      return best;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < vocab; v++) {
      max = Math.max(max, logits[offset + v]);
    }
    double[] weights = new double[vocab];
    double total = 0;
    for (int v = 0; v < vocab; v++) {
      weights[v] = Math.exp((logits[offset + v] - max) / settings.temperature());
      total += weights[v];
    }
    double u = stream.nextDouble() * total;
    for (int v = 0; v < vocab; v++) {
      u -= weights[v];
      if (u <= 0) {
        return v;
      }
    }
    return vocab - 1;
  }

  private boolean stopped(List<Long> generated) {
    if (settings.stops().isEmpty()) {
      return false;
    }
    String text = decode(generated);
    return settings.stops().stream().anyMatch(text::contains);
  }

  private String cut(String text) {
    int end = text.length();
    for (String stop : settings.stops()) {
      int at = text.indexOf(stop);
      if (at >= 0) {
        end = Math.min(end, at);
      }
    }
    return text.substring(0, end);
  }

  private String decode(List<Long> ids) {
    return tokenizer.decode(ids.stream().mapToLong(Long::longValue).toArray());
  }
}
