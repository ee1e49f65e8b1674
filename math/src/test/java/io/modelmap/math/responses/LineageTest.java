package io.modelmap.math.responses;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.math.responses.ResponseSimilarity.ModelPair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineageTest {
  @Test
  void theViewsAgreeWhereBothListAModel() {
    // by KL: base's nearest are tune then other; by responses: base–tune 0.6, base–other 0.2, base–student 0.5
    Map<String, List<String>> kl = Map.of("base", List.of("tune", "other", "student"), "tune", List.of("base"));
    Map<ModelPair, Double> rougeL = Map.of(ModelPair.of("base", "tune"), 0.6, ModelPair.of("base", "other"), 0.2,
        ModelPair.of("base", "student"), 0.5, ModelPair.of("other", "student"), 0.5);
    List<Lineage.Entry> entries = Lineage.of(kl, rougeL, 2);
    assertThat(entries).extracting(Lineage.Entry::model).containsExactly("base", "other", "student", "tune");
    Lineage.Entry base = entries.get(0);
    assertThat(base.byKl()).containsExactly("tune", "other");
    assertThat(base.byResponses()).containsExactly("tune", "student");
    assertThat(base.agreeing()).containsExactly("tune");
    Lineage.Entry student = entries.get(2);
    assertThat(student.byKl()).as("not on the map").isEmpty();
    assertThat(student.byResponses()).as("a tie at 0.5, by id").containsExactly("base", "other");
    assertThat(student.agreeing()).isEmpty();
  }
}
