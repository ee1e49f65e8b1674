package io.modelmap.scorer.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDManager;
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
  @TempDir
  Path dir;

  @Test
  void klAndZetaDistanceOnAHandWorkedPair() {
    // two positions, two tokens; p = (1/2, 1/2) then (1/4, 3/4), q = (1/4, 3/4) then (1/4, 3/4)
    float[][] lp = {{(float) Math.log(0.5), (float) Math.log(0.5)}, {(float) Math.log(0.25), (float) Math.log(0.75)}};
    float[][] lq = {{(float) Math.log(0.25), (float) Math.log(0.75)}, {(float) Math.log(0.25), (float) Math.log(0.75)}};
    // the text is tokens 0 then 1: ζ = log-probability of the token − their mean
    var p = new TokenLevelKl.TextDistributions(lp, centred(Math.log(0.5), Math.log(0.75)), Math.log(0.5 * 0.75));
    var q = new TokenLevelKl.TextDistributions(lq, centred(Math.log(0.25), Math.log(0.75)), Math.log(0.25 * 0.75));
    double kl = 0.5 * Math.log(0.5 / 0.25) + 0.5 * Math.log(0.5 / 0.75); // second position: identical, 0
    assertThat(TokenLevelKl.exactKl(p, q)).isCloseTo(kl, within(1e-6));
    assertThat(TokenLevelKl.exactKl(p, p)).isCloseTo(0, within(1e-9));
    // ζ_p = ±½ ln(0.5/0.75), ζ_q = ±½ ln(0.25/0.75): ‖ζ_p − ζ_q‖² = 2 · (½ ln 2)²
    assertThat(TokenLevelKl.zetaDistance(p, q)).isCloseTo(2 * Math.pow(0.5 * Math.log(2), 2), within(1e-9));
  }

  @Test
  void aZooModelsDistributionsGiveTheScorersLogLikelihood() throws Exception {
    String text = "Größe, naïve café: \"quoted\" text";
    Path folder = DemoModels.zoo(dir).stream().filter(m -> m.id().endsWith("/prose-a")).findFirst().orElseThrow().dir();
    try (CausalLm model = CausalLmLoader.load(folder, Device.cpu());
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(folder.resolve("tokenizer.json"),
            Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
        NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      TokenLevelKl.TextDistributions d = TokenLevelKl.of(model, text, manager);
      double scored = new TextScorer(model, tokenizer, 1, manager).score(List.of(text)).get(0).logLikelihood();
      assertThat(d.logLikelihood()).isCloseTo(scored, within(1e-4 * Math.abs(scored)));
      assertThat(d.zeta()).hasSize(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
      assertThat(Arrays.stream(d.zeta()).sum()).isCloseTo(0, within(1e-9));
      for (float[] position : d.logProbabilities()) {
        double total = 0;
        for (float l : position) {
          total += Math.exp(l);
        }
        assertThat(total).isCloseTo(1, within(1e-5));
      }
    }
  }

  private static double[] centred(double a, double b) {
    double mean = (a + b) / 2;
    return new double[] {a - mean, b - mean};
  }
}
