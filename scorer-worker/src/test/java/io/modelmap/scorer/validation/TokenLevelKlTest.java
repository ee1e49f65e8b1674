package io.modelmap.scorer.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.modelmap.scorer.demo.DemoModels;
import io.modelmap.scorer.model.CausalLm;
import io.modelmap.scorer.model.CausalLmLoader;
import io.modelmap.scorer.scoring.TextScorer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenLevelKlTest {
  private static final Map<String, String> RAW = Map.of("truncation", "false", "padding", "false",
      "addSpecialTokens", "false");

  @TempDir
  Path dir;

  @Test
  void klAndZetaDistanceOnAHandWorkedPair() {
    // two positions, two tokens; p = (1/2, 1/2) then (1/4, 3/4), q = (1/4, 3/4) at both
    float[] p = {(float) Math.log(0.5), (float) Math.log(0.5), (float) Math.log(0.25), (float) Math.log(0.75)};
    float[] q = {(float) Math.log(0.25), (float) Math.log(0.75), (float) Math.log(0.25), (float) Math.log(0.75)};
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      double kl = 0.5 * Math.log(0.5 / 0.25) + 0.5 * Math.log(0.5 / 0.75); // the second position adds 0
      assertThat(TokenLevelKl.kl(manager.create(p, new Shape(1, 2, 2)), manager.create(q, new Shape(1, 2, 2))))
          .isCloseTo(kl, within(1e-6));
    }
    // the text is tokens 0 then 1: ζ_p = ±½ ln(0.5/0.75), ζ_q = ±½ ln(0.25/0.75), so ‖ζ_p − ζ_q‖² = 2 · (½ ln 2)²
    var zp = new TokenLevelKl.Coordinates(centred(Math.log(0.5), Math.log(0.75)), Math.log(0.5 * 0.75));
    var zq = new TokenLevelKl.Coordinates(centred(Math.log(0.25), Math.log(0.75)), Math.log(0.25 * 0.75));
    assertThat(TokenLevelKl.zetaDistance(zp, zq)).isCloseTo(2 * Math.pow(0.5 * Math.log(2), 2), within(1e-9));
  }

  @Test
  void zooModelsGiveTheScorersLogLikelihoodAndTheKlOfTheirFullDistributions() throws Exception {
    String text = "Größe, naïve café: \"quoted\" text";
    List<DemoModels.DemoModel> zoo = DemoModels.zoo(dir);
    Path prose = folder(zoo, "/prose-a");
    try (CausalLm p = CausalLmLoader.load(prose, Device.cpu());
        CausalLm q = CausalLmLoader.load(folder(zoo, "/code-a"), Device.cpu());
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(prose.resolve("tokenizer.json"), RAW);
        NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      long[] tokens = TokenLevelKl.tokens(tokenizer, text);
      TokenLevelKl.Coordinates c = TokenLevelKl.coordinates(p, tokens, p.contextLength() / 2, manager);
      double scored = new TextScorer(p, tokenizer, 1, manager).score(List.of(text)).get(0).logLikelihood();
      assertThat(c.logLikelihood()).isCloseTo(scored, within(1e-4 * Math.abs(scored)));
      assertThat(c.zeta()).hasSize(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
      assertThat(Arrays.stream(c.zeta()).sum()).isCloseTo(0, within(1e-9));

      assertThat(TokenLevelKl.exactKl(p, p, tokens, p.contextLength() / 2, manager)).isCloseTo(0, within(1e-9));
      // on the host, in double: log-softmax of each model's logits and Σ_t Σ_v p (log p − log q)
      long[] input = new long[tokens.length];
      input[0] = p.startTokenId();
      System.arraycopy(tokens, 0, input, 1, tokens.length - 1);
      float[] lp = p.logits(manager.create(input, new Shape(1, input.length))).toFloatArray();
      float[] lq = q.logits(manager.create(input, new Shape(1, input.length))).toFloatArray();
      int vocab = lp.length / input.length;
      double expected = 0;
      for (int t = 0; t < input.length; t++) {
        double[] a = logSoftmax(lp, t * vocab, vocab);
        double[] b = logSoftmax(lq, t * vocab, vocab);
        for (int v = 0; v < vocab; v++) {
          expected += Math.exp(a[v]) * (a[v] - b[v]);
        }
      }
      assertThat(expected).isPositive();
      assertThat(TokenLevelKl.exactKl(p, q, tokens, p.contextLength() / 2, manager)).isCloseTo(expected, within(1e-4 * expected));
    }
  }

  private static Path folder(List<DemoModels.DemoModel> zoo, String suffix) {
    return zoo.stream().filter(m -> m.id().endsWith(suffix)).findFirst().orElseThrow().dir();
  }

  private static double[] logSoftmax(float[] logits, int from, int count) {
    double max = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < count; v++) {
      max = Math.max(max, logits[from + v]);
    }
    double sum = 0;
    for (int v = 0; v < count; v++) {
      sum += Math.exp(logits[from + v] - max);
    }
    double[] out = new double[count];
    for (int v = 0; v < count; v++) {
      out[v] = logits[from + v] - max - Math.log(sum);
    }
    return out;
  }

  private static double[] centred(double a, double b) {
    double mean = (a + b) / 2;
    return new double[] {a - mean, b - mean};
  }
}
