package io.modelmap.aggregator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.TextScore;
import io.modelmap.schemas.avro.TextScores;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of {@link TextScoresValidator}, one case each, and a record it accepts. */
class TextScoresValidatorTest {
  private final TextScoresValidator validator = new TextScoresValidator();

  private static TextScore score(String text, double logLikelihood, int tokens) {
    return TextScore.newBuilder().setTextId(text).setLogLikelihood(logLikelihood).setTokensScored(tokens)
        .setWindowed(false).build();
  }

  private static TextScores.Builder record(TextScore... scores) {
    return TextScores.newBuilder().setModelId("acme/m@v1").setCorpusId("pile/val 10k").setTaskId("t1")
        .setScores(List.of(scores));
  }

  private String rule(String key, TextScores value) {
    return validator.check(key, value).map(Validator.Rejection::rule).orElse("accepted");
  }

  @Test
  void shouldAcceptScoresKeyedByTheirModel() {
    assertThat(rule("acme/m@v1", record(score("t, \"1\"", -812.5, 200), score("ünïcode", -3.0, 1)).build()))
        .isEqualTo("accepted");
    assertThat(rule("acme/m@v1", record(score("imported", 0.0, 0)).build())).as("an imported row: 0 and no tokens")
        .isEqualTo("accepted");
  }

  @Test
  void shouldRefuseEachBrokenRule() {
    TextScore good = score("t1", -10, 5);
    assertThat(rule("acme/other", record(good).build())).isEqualTo("key-mismatch");
    assertThat(rule(null, record(good).build())).isEqualTo("key-mismatch");
    assertThat(rule("acme/m@v1", record(good).setCorpusId(" ").build())).isEqualTo("missing-corpus");
    assertThat(rule("", record(good).setModelId("").build())).isEqualTo("invalid-id");
    String longId = "x".repeat(10_240);
    assertThat(rule(longId, record(good).setModelId(longId).build())).isEqualTo("invalid-id");
    assertThat(rule("acme/m@v1", record().build())).isEqualTo("empty");
    assertThat(rule("acme/m@v1", record(score("", -1, 1)).build())).isEqualTo("invalid-id");
    assertThat(rule("acme/m@v1", record(good, score("t1", -11, 5)).build())).isEqualTo("duplicate-text");
    assertThat(rule("acme/m@v1", record(score("t1", Double.NaN, 5)).build())).isEqualTo("non-finite");
    assertThat(rule("acme/m@v1", record(score("t1", Double.NEGATIVE_INFINITY, 5)).build())).isEqualTo("non-finite");
    assertThat(rule("acme/m@v1", record(score("t1", 0.25, 5)).build())).isEqualTo("positive-log-likelihood");
    assertThat(rule("acme/m@v1", record(score("t1", -1, -1)).build())).isEqualTo("no-tokens");
  }

  @Test
  void shouldRefuseARecordOverTheEntryLimit() {
    List<TextScore> many = new ArrayList<>();
    for (int i = 0; i <= TextScoresValidator.MAX_ENTRIES; i++) {
      many.add(score("t" + i, -1, 1));
    }
    assertThat(rule("acme/m@v1", record().setScores(many).build())).isEqualTo("oversize");
    assertThat(rule("acme/m@v1", record().setScores(many.subList(0, TextScoresValidator.MAX_ENTRIES)).build()))
        .isEqualTo("accepted");
  }
}
