package io.modelmap.eval.embedllm;

import io.modelmap.schemas.avro.McAnswer;
import io.modelmap.schemas.avro.McItem;
import java.util.List;

/** Small records for the EmbedLLM tests. */
final class Items {
  private Items() {}

  static McItem item(String id, String question, int gold, String subject, String... choices) {
    return McItem.newBuilder().setBenchmarkId("b").setItemId(id).setQuestion(question).setChoices(List.of(choices))
        .setGoldIndex(gold).setSubject(subject).build();
  }

  static McAnswer answer(String id, int chosen) {
    return McAnswer.newBuilder().setItemId(id).setChosenIndex(chosen).build();
  }
}
