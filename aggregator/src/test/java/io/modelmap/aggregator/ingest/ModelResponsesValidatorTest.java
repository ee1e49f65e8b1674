package io.modelmap.aggregator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.ModelResponses;
import io.modelmap.schemas.avro.PromptResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of {@link ModelResponsesValidator}, one case each, and a record it accepts. */
class ModelResponsesValidatorTest {
  private final ModelResponsesValidator validator = new ModelResponsesValidator();

  private static PromptResponse response(String prompt, String text) {
    return PromptResponse.newBuilder().setPromptId(prompt).setResponse(text).build();
  }

  private static ModelResponses.Builder record(PromptResponse... responses) {
    return ModelResponses.newBuilder().setModelId("acme/m").setResponses(List.of(responses));
  }

  private String rule(String key, ModelResponses value) {
    return validator.check(key, value).map(Validator.Rejection::rule).orElse("accepted");
  }

  @Test
  void shouldAcceptResponsesKeyedByTheirModel() {
    assertThat(rule("acme/m", record(response("p 1", "an answer"), response("p2", "")).build())).isEqualTo("accepted");
  }

  @Test
  void shouldRefuseEachBrokenRule() {
    PromptResponse good = response("p1", "yes");
    assertThat(rule("acme/other", record(good).build())).isEqualTo("key-mismatch");
    assertThat(rule("", record(good).setModelId("").build())).isEqualTo("invalid-id");
    assertThat(rule("acme/m", record().build())).isEqualTo("empty");
    assertThat(rule("acme/m", record(response("", "x")).build())).isEqualTo("invalid-id");
    assertThat(rule("acme/m", record(good, response("p1", "no")).build())).isEqualTo("duplicate-prompt");
    assertThat(rule("acme/m", record(response("p1", "y".repeat(ModelResponsesValidator.MAX_CHARS + 1))).build()))
        .isEqualTo("oversize");
  }

  @Test
  void shouldRefuseARecordOverTheEntryLimit() {
    List<PromptResponse> many = new ArrayList<>();
    for (int i = 0; i <= ModelResponsesValidator.MAX_ENTRIES; i++) {
      many.add(response("p" + i, "r"));
    }
    assertThat(rule("acme/m", record().setResponses(many).build())).isEqualTo("oversize");
  }
}
