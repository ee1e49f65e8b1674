package io.modelmap.scorer.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.modelmap.scorer.demo.DemoModels;
import io.modelmap.scorer.model.CausalLm;
import io.modelmap.scorer.model.CausalLmLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real DJL inference on a tiny demo checkpoint (CPU). */
class TextScorerTest {
  @TempDir
  static Path dir;
  static DemoModels.DemoModel model;

  @BeforeAll
  static void writeModels() throws Exception {
    model = DemoModels.write(dir).get(0);
  }

  private static HuggingFaceTokenizer tokenizer() throws Exception {
    return HuggingFaceTokenizer.newInstance(model.dir().resolve("tokenizer.json"),
        Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
  }

  @Test
  void shouldGiveTheSameScoresWhateverTheBatchSize() throws Exception {
    List<String> texts = List.of("short text", "a".repeat(700) + " long enough to need windows", "é ü ✓ 😀 mixed");
    try (CausalLm lm = CausalLmLoader.load(model.dir(), Device.cpu());
        HuggingFaceTokenizer tokenizer = tokenizer();
        NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      List<TextLogLikelihood> one = new TextScorer(lm, tokenizer, 1, manager).score(texts);
      List<TextLogLikelihood> many = new TextScorer(lm, tokenizer, 64, manager).score(texts);

      for (int i = 0; i < texts.size(); i++) {
        assertThat(many.get(i).logLikelihood())
            .isCloseTo(one.get(i).logLikelihood(), within(1e-4 * Math.abs(one.get(i).logLikelihood())));
        assertThat(one.get(i).logLikelihood()).isNegative();
      }
      assertThat(one.get(0).tokensScored()).isEqualTo(10); // byte-level: one token per byte
      assertThat(one.get(1).windowed()).isTrue();
      assertThat(one.get(0).windowed()).isFalse();
    }
  }

  @Test
  void shouldEqualATokenByTokenSumOfLogProbabilities() throws Exception {
    assertPerTokenSum("The quiet river carries the old letter.", false);
  }

  @Test
  void shouldEqualATokenByTokenSumAcrossSlidingWindows() throws Exception {
    // longer than the context: each token predicted from the window that scores it (modelmap §2.2)
    assertPerTokenSum("The quiet river carries the old letter downstream, past the mill. ".repeat(9), true);
  }

  /**
   * The paper's per-token loop, one forward pass per token on its own context, against the scorer.
   * Past the context, token t is scored by the window ending at the first end = context + k·stride
   * (stride = context / 2) beyond t, so its context starts at end − context: the window rule written
   * in closed form, apart from {@code ScoringWindow}'s loop.
   */
  private static void assertPerTokenSum(String text, boolean windowed) throws Exception {
    try (CausalLm lm = CausalLmLoader.load(model.dir(), Device.cpu());
        HuggingFaceTokenizer tokenizer = tokenizer();
        NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      long[] ids = tokenizer.encode(text).getIds();
      long[] prefix = new long[ids.length + 1];
      prefix[0] = lm.startTokenId();
      System.arraycopy(ids, 0, prefix, 1, ids.length);
      int n = prefix.length;
      int context = lm.contextLength();
      int stride = context / 2;
      assertThat(n > context).as("the text needs windows").isEqualTo(windowed);
      double expected = 0;
      for (int t = 1; t < n; t++) {
        int start = 0;
        if (n > context && t >= context) {
          int k = (t - context + stride) / stride; // ceil((t - context + 1) / stride)
          start = Math.min(n, context + k * stride) - context;
        }
        long[] window = java.util.Arrays.copyOfRange(prefix, start, t);
        NDArray logits = lm.logits(manager.create(window, new Shape(1, window.length)));
        float[] last = logits.get("0, -1, :").toFloatArray();
        double max = Double.NEGATIVE_INFINITY;
        for (float v : last) {
          max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : last) {
          sum += Math.exp(v - max);
        }
        expected += last[(int) prefix[t]] - max - Math.log(sum);
        logits.close();
      }

      TextLogLikelihood scored = new TextScorer(lm, tokenizer, 4, manager).score(List.of(text)).get(0);

      assertThat(scored.windowed()).isEqualTo(windowed);
      assertThat(scored.tokensScored()).isEqualTo(ids.length);
      assertThat(scored.logLikelihood()).isCloseTo(expected, within(1e-4 * Math.abs(expected)));
    }
  }

  @Test
  void continuationScoreIsTheWholeTextsScoreMinusItsContexts() throws Exception {
    String context = "Question: which colour is the sky? Answer:";
    String continuation = " blue on a clear day";
    try (CausalLm lm = CausalLmLoader.load(model.dir(), Device.cpu());
        HuggingFaceTokenizer tokenizer = tokenizer();
        NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      TextScorer scorer = new TextScorer(lm, tokenizer, 4, manager);
      List<TextLogLikelihood> whole = scorer.score(List.of(context + continuation, context));
      double expected = whole.get(0).logLikelihood() - whole.get(1).logLikelihood();

      double[] scored = scorer.scoreContinuations(List.of(context, context + " "), List.of(continuation, continuation.strip()));

      assertThat(scored[0]).isCloseTo(expected, within(1e-4 * Math.abs(expected)));
      assertThat(scored[1]).as("a trailing space of the context moves to the continuation")
          .isCloseTo(expected, within(1e-4 * Math.abs(expected)));
    }
  }

  @Test
  void answersPickTheMostLikelyChoiceAndPerByteForAccNorm() throws Exception {
    var item = io.modelmap.schemas.avro.McItem.newBuilder().setBenchmarkId("b").setItemId("1")
        .setQuestion("The opposite of hot is").setChoices(List.of("cold", "a very long and unlikely phrase", "warm"))
        .setGoldIndex(0).build();
    try (CausalLm lm = CausalLmLoader.load(model.dir(), Device.cpu());
        HuggingFaceTokenizer tokenizer = tokenizer();
        NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      TextScorer scorer = new TextScorer(lm, tokenizer, 8, manager);
      var answer = new ChoiceAnswerer(scorer).answer(List.of(item)).get(0);
      double[] expected = scorer.scoreContinuations(List.of(item.getQuestion().toString(),
          item.getQuestion().toString(), item.getQuestion().toString()), List.of(" cold", " a very long and unlikely phrase", " warm"));
      double[] perByte = {expected[0] / 5, expected[1] / 32, expected[2] / 5};

      assertThat(answer.getChoiceLogLikelihoods()).hasSize(3);
      for (int c = 0; c < 3; c++) {
        assertThat(answer.getChoiceLogLikelihoods().get(c)).isCloseTo(expected[c], within(1e-4 * Math.abs(expected[c])));
      }
      assertThat(answer.getChosenIndex()).isEqualTo(ChoiceAnswerer.argmax(expected));
      assertThat(answer.getChosenIndexNorm()).isEqualTo(ChoiceAnswerer.argmax(perByte));
    }
  }

  @Test
  void chunkedLogSoftmaxGivesTheSameScores() throws Exception {
    List<String> texts = List.of("chunks of three positions at a time", "b".repeat(300));
    try (CausalLm lm = CausalLmLoader.load(model.dir(), Device.cpu());
        HuggingFaceTokenizer tokenizer = tokenizer();
        NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      List<TextLogLikelihood> whole = new TextScorer(lm, tokenizer, 4, manager).score(texts);
      List<TextLogLikelihood> chunked = new TextScorer(lm, tokenizer, 4, manager, size -> { }, 3L * 257).score(texts);
      for (int i = 0; i < texts.size(); i++) {
        assertThat(chunked.get(i).logLikelihood())
            .isCloseTo(whole.get(i).logLikelihood(), within(1e-6 * Math.abs(whole.get(i).logLikelihood())));
      }
    }
  }

  /** A model that runs out of device memory on any batch of more than two windows. */
  private static final class SmallDevice extends io.modelmap.scorer.model.ForwardingLm {
    SmallDevice(CausalLm inner) {
      super(inner);
    }

    @Override
    public float[] targetLogProbabilities(NDArray tokenIds, long[] targets, long logitBudget) {
      if (tokenIds.getShape().get(0) > 2) {
        throw new ai.djl.engine.EngineException("CUDA out of memory. Tried to allocate 2.00 GiB");
      }
      return inner.targetLogProbabilities(tokenIds, targets, logitBudget);
    }
  }

  @Test
  void backsOffToSmallerBatchesOnOutOfMemoryWithoutChangingTheNumbers() throws Exception {
    List<String> texts = List.of("one", "two words", "three small words", "a fourth, longer text", "fifth");
    try (CausalLm lm = CausalLmLoader.load(model.dir(), Device.cpu());
        HuggingFaceTokenizer tokenizer = tokenizer();
        NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      List<Integer> batches = new java.util.ArrayList<>();
      List<TextLogLikelihood> backedOff = new TextScorer(new SmallDevice(lm), tokenizer, 8, manager, batches::add)
          .score(texts);
      List<TextLogLikelihood> direct = new TextScorer(lm, tokenizer, 2, manager).score(texts);
      assertThat(batches).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(2));
      for (int i = 0; i < texts.size(); i++) {
        assertThat(backedOff.get(i).logLikelihood())
            .isCloseTo(direct.get(i).logLikelihood(), within(1e-6 * Math.abs(direct.get(i).logLikelihood())));
      }
    }
  }
}
