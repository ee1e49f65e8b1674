package io.modelmap.eval.cpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaperTable4Test {
  @Test
  void shouldListThePaperModelsPresentInThePapersOrder() {
    assertThat(PaperTable4.modelsIn(List.of("Gemma-7b", "not in the paper", "LLama-2-70B")))
        .containsExactly("LLama-2-70B", "Gemma-7b");
    assertThat(PaperTable4.mse()).hasSize(12);
  }

  @Test
  void shouldAverageThePapersMseOverTheModelsItLists() {
    // CPP-0: LLama-2-70B 1.34e-2, Gemma-7b 4.94e-2 → 3.14e-2; CPP-2: 1.79e-2 and 10.2e-2 → 5.995e-2
    List<String> models = List.of("LLama-2-70B", "Gemma-7b", "not in the paper");

    assertThat(PaperTable4.mean(0, models)).isCloseTo(3.14e-2, within(1e-15));
    assertThat(PaperTable4.mean(1, models)).isCloseTo(5.995e-2, within(1e-15));
    assertThat(PaperTable4.mean(0, List.of("not in the paper"))).isNaN();
  }
}
