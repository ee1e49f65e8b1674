package io.modelmap.scorer.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.ScoreTask;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DESIGN §4 on {@code score-tasks}: the worker refuses a task whose ids are not ids before loading anything. */
class ScoreTaskIdsTest {

  private static ScoreTask.Builder task(String model) {
    return ScoreTask.newBuilder().setTaskId("t").setModelId(model).setSourceUri("file:/m").setCorpusId("pile/val")
        .setTextIds(List.of("Pile-CC 00.jsonl:3, \"q\" 5%#0"));
  }

  @Test
  void shouldAcceptRealIds() {
    assertThat(ScoreTaskIds.problem(task("meta-llama/Llama-3.2-1B@v2").build())).isEmpty();
    assertThat(ScoreTaskIds.problem(task("m").setTextIds(List.of()).setBenchmarkId("mmlu-pro")
        .setItemIds(List.of("q 1")).build())).isEmpty();
  }

  @Test
  void shouldRefuseAnEmptyOrTenThousandCharacterModelId() {
    assertThat(ScoreTaskIds.problem(task("").build())).get().asString().contains("model id");
    assertThat(ScoreTaskIds.problem(task("m".repeat(10_240)).build())).get().asString().contains("256");
  }

  @Test
  void shouldRefuseBadCorpusBenchmarkTextAndItemIds() {
    assertThat(ScoreTaskIds.problem(task("m").setCorpusId("").build())).isPresent();
    assertThat(ScoreTaskIds.problem(task("m").setBenchmarkId("bad\tid").build())).isPresent();
    assertThat(ScoreTaskIds.problem(task("m").setTextIds(List.of("ok", "line\nbreak")).build())).isPresent();
    assertThat(ScoreTaskIds.problem(task("m").setItemIds(List.of("")).build())).isPresent();
  }
}
