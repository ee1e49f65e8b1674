package io.modelmap.producer.benchmark;

import io.modelmap.producer.corpus.DemoCorpus;
import io.modelmap.formats.corpus.Document;
import io.modelmap.schemas.avro.McItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A multiple-choice benchmark a small language model can learn to pass: the start of a demo document
 * and four continuations, one from the same document and one from each other category (prose, code,
 * legal, tables). A model that has learnt what each category looks like picks the right one; chance
 * is 1/4. Documents come from their own seed, so neither the training text nor the mapped corpus
 * holds them.
 */
public final class ContinuationBenchmark {
  public static final String ID = "demo-continuation";
  private static final long SEED = 99;
  // the start token, context and continuation fit the zoo's 128 positions: one forward pass per choice
  private static final int CONTEXT_BYTES = 72;
  private static final int CONTINUATION_BYTES = 48;

  private ContinuationBenchmark() {}

  /** {@code items} items, the categories taking turns. */
  public static List<McItem> items(int items) {
    Map<String, List<Document>> byCategory = new LinkedHashMap<>();
    for (Document d : DemoCorpus.documents(items, SEED)) {
      byCategory.computeIfAbsent(d.category(), c -> new ArrayList<>()).add(d);
    }
    List<String> categories = new ArrayList<>(byCategory.keySet());
    Random random = new Random(SEED);
    List<McItem> out = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      String category = categories.get(i % categories.size());
      String text = byCategory.get(category).get(i).text();
      int at = random.nextInt(text.length() - CONTEXT_BYTES - CONTINUATION_BYTES);
      List<String> choices = new ArrayList<>();
      for (String other : categories) {
        String source = other.equals(category) ? text : byCategory.get(other).get((i + 1) % items).text();
        int from = other.equals(category) ? at + CONTEXT_BYTES : random.nextInt(source.length() - CONTINUATION_BYTES);
        choices.add(source.substring(from, from + CONTINUATION_BYTES));
      }
      String answer = choices.get(categories.indexOf(category));
      java.util.Collections.shuffle(choices, random);
      out.add(McItem.newBuilder().setBenchmarkId(ID).setItemId(String.format("c%03d", i))
          .setQuestion(text.substring(at, at + CONTEXT_BYTES)).setChoices(choices).setGoldIndex(choices.indexOf(answer))
          .setSubject(category).build());
    }
    return out;
  }
}
