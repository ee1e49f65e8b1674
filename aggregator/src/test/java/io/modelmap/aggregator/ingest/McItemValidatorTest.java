package io.modelmap.aggregator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.McItem;
import io.modelmap.schemas.key.CompositeKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of {@link McItemValidator}, one case each, and an item it accepts. */
class McItemValidatorTest {
  private final McItemValidator validator = new McItemValidator();

  private static McItem.Builder item(String benchmark, String id) {
    return McItem.newBuilder().setBenchmarkId(benchmark).setItemId(id).setQuestion("2 + 2?")
        .setChoices(List.of("3", "4", "5")).setGoldIndex(1);
  }

  private String rule(String key, McItem value) {
    return validator.check(key, value).map(Validator.Rejection::rule).orElse("accepted");
  }

  @Test
  void shouldAcceptAnItemKeyedByItsCompositeKey() {
    assertThat(rule(CompositeKey.of("mmlu/pro", "q 1"), item("mmlu/pro", "q 1").build())).isEqualTo("accepted");
  }

  @Test
  void shouldRefuseEachBrokenRule() {
    String key = CompositeKey.of("b", "q1");
    assertThat(rule("b/q2", item("b", "q1").build())).isEqualTo("key-mismatch");
    assertThat(rule("b/", item("b", "").build())).isEqualTo("invalid-id");
    assertThat(rule("/q1", item("", "q1").build())).isEqualTo("invalid-id");
    assertThat(rule(key, item("b", "q1").setChoices(List.of("only")).build())).isEqualTo("too-few-choices");
    assertThat(rule(key, item("b", "q1").setGoldIndex(3).build())).isEqualTo("gold-out-of-range");
    assertThat(rule(key, item("b", "q1").setGoldIndex(-1).build())).isEqualTo("gold-out-of-range");
  }
}
