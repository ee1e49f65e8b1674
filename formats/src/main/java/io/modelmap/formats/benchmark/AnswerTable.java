package io.modelmap.formats.benchmark;

import io.modelmap.schemas.avro.McAnswer;
import io.modelmap.schemas.avro.McItem;
import io.modelmap.schemas.key.CompositeKey;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A table of precomputed answers: the items it names and each model's answers.
 *
 * @param items one item per valid row, with option letters as choices (the table has no texts)
 * @param answersByModel model id → its answers, in column order; an empty cell is left out
 * @param problems skipped rows and cells, each naming its line
 * @param recoded answers naming an option the item does not have, kept as unreadable (-1), each naming its line
 */
public record AnswerTable(List<McItem> items, Map<String, List<McAnswer>> answersByModel, List<String> problems,
    List<String> recoded) {

  /** Items both models answered, for every unordered pair (a &lt; b): what the aggregator must end with. */
  public Map<String, Long> sharedItemsByPair() {
    Map<String, Set<String>> answered = new TreeMap<>();
    answersByModel.forEach((model, list) -> answered.put(model,
        new HashSet<>(list.stream().map(a -> a.getItemId().toString()).toList())));
    Map<String, Long> shared = new TreeMap<>();
    List<String> models = List.copyOf(answered.keySet());
    for (int i = 0; i < models.size(); i++) {
      for (int j = i + 1; j < models.size(); j++) {
        Set<String> b = answered.get(models.get(j));
        shared.put(CompositeKey.of(models.get(i), models.get(j)), answered.get(models.get(i)).stream().filter(b::contains).count());
      }
    }
    return shared;
  }
}
