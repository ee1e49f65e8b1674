package io.modelmap.aggregator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.McAnswer;
import io.modelmap.schemas.avro.McAnswers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of {@link McAnswersValidator}, one case each, and records it accepts. */
class McAnswersValidatorTest {
  private final McAnswersValidator validator = new McAnswersValidator();

  private static McAnswer answer(String item, int chosen, Double... logLikelihoods) {
    return McAnswer.newBuilder().setItemId(item).setChosenIndex(chosen).setChoiceLogLikelihoods(List.of(logLikelihoods))
        .build();
  }

  private static McAnswers.Builder record(McAnswer... answers) {
    return McAnswers.newBuilder().setModelId("acme/m").setBenchmarkId("mmlu-pro").setTaskId("t").setAnswers(List.of(answers));
  }

  private String rule(String key, McAnswers value) {
    return validator.check(key, value).map(Validator.Rejection::rule).orElse("accepted");
  }

  @Test
  void shouldAcceptAnswersWithOrWithoutTheirLikelihoods() {
    assertThat(rule("acme/m", record(answer("q 1, \"a\"", 2), answer("q2", -1), answer("q3", 1, -2.0, -0.5)).build()))
        .isEqualTo("accepted");
  }

  @Test
  void shouldRefuseEachBrokenRule() {
    McAnswer good = answer("q1", 0);
    assertThat(rule("acme/other", record(good).build())).isEqualTo("key-mismatch");
    assertThat(rule(null, record(good).build())).isEqualTo("key-mismatch");
    assertThat(rule("acme/m", record(good).setBenchmarkId(" ").build())).isEqualTo("missing-benchmark");
    assertThat(rule("", record(good).setModelId("").build())).isEqualTo("invalid-id");
    assertThat(rule("acme/m", record().build())).isEqualTo("empty");
    assertThat(rule("acme/m", record(answer("", 0)).build())).isEqualTo("invalid-id");
    assertThat(rule("acme/m", record(good, answer("q1", 1)).build())).isEqualTo("duplicate-item");
    assertThat(rule("acme/m", record(answer("q1", -2)).build())).isEqualTo("negative-choice");
    assertThat(rule("acme/m", record(McAnswer.newBuilder(good).setChosenIndexNorm(-3).build()).build()))
        .isEqualTo("negative-choice");
    assertThat(rule("acme/m", record(answer("q1", 0, -1.0, Double.NaN)).build())).isEqualTo("bad-log-likelihood");
    assertThat(rule("acme/m", record(answer("q1", 0, -1.0, 0.5)).build())).isEqualTo("bad-log-likelihood");
    assertThat(rule("acme/m", record(answer("q1", 2, -1.0, -2.0)).build())).isEqualTo("choice-out-of-range");
  }

  @Test
  void shouldRefuseARecordOverTheEntryLimit() {
    List<McAnswer> many = new ArrayList<>();
    for (int i = 0; i <= McAnswersValidator.MAX_ENTRIES; i++) {
      many.add(answer("q" + i, 0));
    }
    assertThat(rule("acme/m", record().setAnswers(many).build())).isEqualTo("oversize");
  }
}
