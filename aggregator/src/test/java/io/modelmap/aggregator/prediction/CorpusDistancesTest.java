package io.modelmap.aggregator.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorpusDistancesTest {

  @Test
  void aModelNamedByABatchPartnerCountsOnlyOnceItsOwnDistancesArrive() {
    CorpusDistances distances = new CorpusDistances();
    distances.add("org/old", -2.0, Map.of());
    // org/a and org/b completed in one batch: a's record names b before b's own record is in
    distances.add("org/a", -3.0, Map.of("org/old", 0.5, "org/b", 0.25));
    assertThat(distances.models()).containsExactly("org/old", "org/a");
    assertThat(distances.contains("org/b")).isFalse();
    assertThat(distances.squared(List.of("org/a"), List.of("org/old"))[0]).containsExactly(1.0);

    distances.add("org/b", -4.0, Map.of("org/old", 0.75, "org/a", 0.25));
    assertThat(distances.models()).containsExactly("org/old", "org/a", "org/b");
    assertThat(distances.squared("org/b", "org/a")).isEqualTo(0.5);
    assertThat(distances.squared("org/old", "org/b")).isEqualTo(1.5);
    assertThat(distances.squared("org/b", "org/b")).isZero();
  }

  @Test
  void aPairNeverSentIsAnErrorNotAZero() {
    CorpusDistances distances = new CorpusDistances();
    distances.add("org/a", -3.0, Map.of());
    distances.add("org/b", -4.0, Map.of());
    assertThatThrownBy(() -> distances.squared("org/a", "org/b")).hasMessageContaining("no distance between");
  }
}
