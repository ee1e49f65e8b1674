package io.modelmap.producer.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.ScoreTask;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TaskFanoutTest {

  @Test
  void shouldCoverEveryTextOnceInChunks() {
    ModelRegistered model = ModelRegistered.newBuilder().setModelId("m").setSourceUri("file:/m").setCorpusId("c")
        .build();
    List<String> ids = IntStream.range(0, 10).mapToObj(i -> "t" + i).toList();

    List<ScoreTask> tasks = new TaskFanout(4).tasks(model, ids);

    assertThat(tasks).extracting(t -> t.getTextIds().size()).containsExactly(4, 4, 2);
    assertThat(tasks.stream().flatMap(t -> t.getTextIds().stream())).containsExactlyElementsOf(ids);
    assertThat(tasks.get(1).getTaskId()).isEqualTo("m/c/4");
  }

  @Test
  void shouldCoverEveryItemOnceInMultipleChoiceTasks() {
    ModelRegistered model = ModelRegistered.newBuilder().setModelId("m").setSourceUri("file:/m").setCorpusId("c")
        .build();
    List<String> ids = IntStream.range(0, 5).mapToObj(i -> "q" + i).toList();

    List<ScoreTask> tasks = new TaskFanout(3).mcTasks(model, "bench", ids);

    assertThat(tasks).extracting(t -> t.getItemIds().size()).containsExactly(3, 2);
    assertThat(tasks).allSatisfy(t -> assertThat(t.getBenchmarkId()).isEqualTo("bench"));
    assertThat(tasks.get(1).getTaskId()).isEqualTo("m/bench/mc/3");
  }
}
