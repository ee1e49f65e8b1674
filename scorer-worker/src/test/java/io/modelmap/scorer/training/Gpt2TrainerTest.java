package io.modelmap.scorer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;
import io.modelmap.scorer.checkpoint.Gpt2Checkpoint;
import io.modelmap.scorer.model.CausalLm;
import io.modelmap.scorer.model.CausalLmLoader;
import io.modelmap.scorer.scoring.TextLogLikelihood;
import io.modelmap.scorer.scoring.TextScorer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Gpt2TrainerTest {
  @TempDir
  Path dir;

  private static final String TEXT = "the cat sat on the mat. the dog sat on the log. ";

  @Test
  void trainingLowersTheLossAndTheScorerReadsWhatWasTrained() throws Exception {
    Gpt2Checkpoint start = Gpt2Checkpoint.initialised(Gpt2Checkpoint.byteLevelConfig(32, 1, 2, 64), 3);
    TrainingMix mix = TrainingMix.of(Map.of("prose", List.of(TEXT.repeat(40))), Map.of("prose", 1.0));
    List<Gpt2Trainer.Progress> progress = new ArrayList<>();
    Gpt2Trainer.Result result = Gpt2Trainer.train(start, mix, new Gpt2Trainer.Settings(150, 8, 48, 1e-2, 10, 1),
        Device.cpu(), progress::add);

    assertThat(progress).hasSize(6); // every 25 steps
    assertThat(progress.get(0).loss()).as("at step 25, below ln 257 = 5.55").isLessThan(5.55)
        .isGreaterThan(result.finalLoss() + 1);
    assertThat(result.finalLoss()).as("a repeated sentence is learnt").isLessThan(1.5);
    assertThat(result.tokens()).isEqualTo(150L * 8 * 48);
    assertThat(result.tokensPerSecond()).isPositive();

    // written, read back by the scorer, scored: a trained model finds its training text far likelier than bytes at random
    result.checkpoint().write(dir.resolve("trained"), false);
    String text = TEXT.repeat(2);
    try (CausalLm model = CausalLmLoader.load(dir.resolve("trained"), Device.cpu());
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(dir.resolve("trained").resolve("tokenizer.json"),
            Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
        NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      TextLogLikelihood scored = new TextScorer(model, tokenizer, 1, manager).score(List.of(text)).get(0);
      double perByte = scored.logLikelihood() / text.length();
      assertThat(perByte).as("nats per byte; uniform bytes give -ln 256 = -5.55").isGreaterThan(-1.5);
    }
    Gpt2Checkpoint back = Gpt2Checkpoint.read(dir.resolve("trained"));
    assertThat(back.tensors().keySet()).isEqualTo(result.checkpoint().tensors().keySet());
    assertThat(back.tensors().get("wte.weight")).containsExactly(result.checkpoint().tensors().get("wte.weight"));
  }

  @Test
  void mergingInterpolatesAndRoundingKeepsTheMantissaBits() {
    Gpt2Checkpoint a = Gpt2Checkpoint.initialised(Gpt2Checkpoint.byteLevelConfig(16, 1, 2, 16), 1);
    Gpt2Checkpoint b = Gpt2Checkpoint.initialised(Gpt2Checkpoint.byteLevelConfig(16, 1, 2, 16), 2);
    Gpt2Checkpoint merged = a.interpolated(b, 0.25);
    float[] wa = a.tensors().get("wte.weight");
    float[] wb = b.tensors().get("wte.weight");
    float[] wm = merged.tensors().get("wte.weight");
    for (int i = 0; i < wm.length; i++) {
      assertThat((double) wm[i]).isCloseTo(0.75 * wa[i] + 0.25 * wb[i], within(1e-7));
    }
    // 7 mantissa bits (bfloat16's): 1 + 2^-8 rounds to 1 (a tie, to even), 1 + 3·2^-8 to 1 + 2^-6
    Map<String, float[]> t = new java.util.LinkedHashMap<>(a.tensors());
    t.put("ln_f.bias", new float[] {1 + 0x1p-8f, 1 + 3 * 0x1p-8f, -1.2345678f, 0f, 1 + 0x1p-9f,
        1 + 0x1p-8f + 0x1p-20f, 3f, -7.5f, 1e-3f, 2f, 4f, 5f, 6f, 7f, 8f, 9f});
    float[] r = new Gpt2Checkpoint(a.config(), t).rounded(7).tensors().get("ln_f.bias");
    assertThat(r[0]).isEqualTo(1f);
    assertThat(r[1]).isEqualTo(1 + 0x1p-6f);
    assertThat(Float.floatToIntBits(r[2]) & 0xFFFF).as("the low 16 bits are cleared").isZero();
    assertThat(r[4]).isEqualTo(1f);
    assertThat(r[5]).as("just above the tie rounds up").isEqualTo(1 + 0x1p-7f);
    assertThat(Math.abs(r[2] - -1.2345678f)).isLessThanOrEqualTo(0x1p-8f);
  }

  @Test
  void theStepSizeWarmsUpLinearlyThenDecaysAlongACosineToATenth() {
    Gpt2Trainer.Settings settings = new Gpt2Trainer.Settings(110, 1, 2, 1e-3, 10, 1);
    assertThat(Gpt2Trainer.learningRate(settings, 1)).isCloseTo(1e-4, within(1e-15));
    assertThat(Gpt2Trainer.learningRate(settings, 10)).isCloseTo(1e-3, within(1e-15));
    // halfway through the decay: cos(π/2) = 0, so the mean of the peak and a tenth of it
    assertThat(Gpt2Trainer.learningRate(settings, 60)).isCloseTo(0.55e-3, within(1e-15));
    assertThat(Gpt2Trainer.learningRate(settings, 110)).isCloseTo(1e-4, within(1e-15));
  }

  @Test
  void theTrackerAdamReadsGivesTheScheduleAtChosenSteps() {
    // 110 steps, 10 of warm-up, peak 1e-3: the decay runs over the 100 steps after the warm-up
    ParameterTracker schedule = Gpt2Trainer.schedule(new Gpt2Trainer.Settings(110, 1, 2, 1e-3, 10, 1));
    assertThat(schedule.getNewValue("wte.weight", 1)).isCloseTo(1e-4f, within(1e-10f));
    assertThat(schedule.getNewValue("wte.weight", 5)).isCloseTo(5e-4f, within(1e-10f));
    assertThat(schedule.getNewValue("wte.weight", 10)).isCloseTo(1e-3f, within(1e-10f));
    // a quarter through the decay: 1e-3 · (0.1 + 0.9 · (1 + cos(π/4)) / 2) = 1e-3 · (0.1 + 0.45 · (1 + √2/2))
    assertThat(schedule.getNewValue("wte.weight", 35)).isCloseTo((float) (1e-3 * (0.1 + 0.45 * (1 + Math.sqrt(2) / 2))),
        within(1e-10f));
    assertThat(schedule.getNewValue("wte.weight", 60)).isCloseTo(0.55e-3f, within(1e-10f));
    assertThat(schedule.getNewValue("wte.weight", 110)).isCloseTo(1e-4f, within(1e-10f));

    // no warm-up: the decay starts at the first step, over all 4
    ParameterTracker noWarmUp = Gpt2Trainer.schedule(new Gpt2Trainer.Settings(4, 1, 2, 1e-3, 0, 1));
    assertThat(noWarmUp.getNewValue("wte.weight", 2)).isCloseTo(0.55e-3f, within(1e-10f));
    assertThat(noWarmUp.getNewValue("wte.weight", 4)).isCloseTo(1e-4f, within(1e-10f));
  }

  @Test
  void djlsAdamPutsEpsilonBesideTheUncorrectedSecondMoment() {
    // One step from w = 0 with g = ε = 1e-8, β₁ = 0.9, β₂ = 0.95, η = 1e-3 (the trainer's settings).
    // Textbook (PyTorch): m̂ = g, v̂ = g², w −= η·g / (g + ε) = η / 2.
    // DJL: m = 0.1·g, v = 0.05·g², w −= η·√0.05 / 0.1 · m / (√v + ε) = η·√0.05 / (√0.05 + 1) = 0.18284·η.
    Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).optBeta1(0.9f).optBeta2(0.95f)
        .optEpsilon(1e-8f).build();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      NDArray weight = manager.create(new float[] {0f});
      weight.setRequiresGradient(true);

      adam.update("w", weight, manager.create(new float[] {1e-8f}));

      double step = -weight.toFloatArray()[0];
      assertThat(step).as("not the textbook η/2 = 5e-4").isCloseTo(1e-3 * Math.sqrt(0.05) / (Math.sqrt(0.05) + 1),
          within(1e-9));
    }
  }
}
