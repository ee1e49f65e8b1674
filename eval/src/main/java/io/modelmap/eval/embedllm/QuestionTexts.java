package io.modelmap.eval.embedllm;

import io.modelmap.schemas.avro.McItem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What EmbedLLM's encoders read of a question: its text, then each choice on its own line. */
public final class QuestionTexts {
  private QuestionTexts() {}

  /** The text of every item, by item id. */
  public static Map<String, String> byItemId(List<McItem> items) {
    Map<String, String> texts = new HashMap<>();
    for (McItem item : items) {
      texts.put(item.getItemId().toString(), text(item));
    }
    return texts;
  }

  /** The question, a newline, and the choices joined by newlines. */
  public static String text(McItem item) {
    return item.getQuestion() + "\n" + String.join("\n", item.getChoices().stream().map(CharSequence::toString).toList());
  }
}
