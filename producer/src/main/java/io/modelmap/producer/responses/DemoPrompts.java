package io.modelmap.producer.responses;

import io.modelmap.producer.corpus.CorpusText;
import io.modelmap.schemas.avro.PromptText;
import java.util.ArrayList;
import java.util.List;

/**
 * A prompt set for the demo zoo: the opening of texts taken evenly across the demo corpus (every
 * category), for each model to continue.
 */
public final class DemoPrompts {
  private DemoPrompts() {}

  /** {@code count} prompts of the first {@code chars} characters (whole code points) of texts spread over the corpus. */
  public static List<PromptText> of(List<CorpusText> corpus, int count, int chars) {
    List<PromptText> prompts = new ArrayList<>();
    int n = Math.min(count, corpus.size());
    for (int i = 0; i < n; i++) {
      CorpusText text = corpus.get((int) ((long) i * corpus.size() / n));
      String body = text.text();
      int end = body.offsetByCodePoints(0, Math.min(chars, body.codePointCount(0, body.length())));
      prompts.add(PromptText.newBuilder().setPromptId("demo/" + text.textId()).setText(body.substring(0, end)).build());
    }
    return prompts;
  }
}
