package io.modelmap.math.agreement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The LLM-as-judge table (correlated-errors paper §4): every model that shares answered items with the
 * judge, judged by it, by model id. The one assembly the API ({@code GET /api/agreement/judge/{id}}) and the
 * CLI ({@code modelmap agreement --judge}) both print.
 */
public final class JudgeTable {
  private JudgeTable() {}

  /**
   * One pair's counts over the items both answered, as the agreement view holds them (A first).
   *
   * @param same items where both chose the same option
   * @param correctA items A answered correctly
   * @param correctB items B answered correctly
   */
  public record Pair(String modelA, String modelB, long items, long same, long correctA, long correctB) {}

  /** One judged model: its id and its inflation under the judge. */
  public record Row(String modelId, JudgeInflation inflation) {}

  /** The rows of every pair {@code judge} is in, the other model judged, ordered by its id. */
  public static List<Row> of(String judge, Collection<Pair> pairs) {
    List<Row> rows = new ArrayList<>();
    for (Pair pair : pairs) {
      boolean judgeFirst = pair.modelA().equals(judge);
      if (judgeFirst || pair.modelB().equals(judge)) {
        rows.add(new Row(judgeFirst ? pair.modelB() : pair.modelA(),
            JudgeInflation.of(pair.items(), pair.same(), judgeFirst ? pair.correctB() : pair.correctA())));
      }
    }
    rows.sort(Comparator.comparing(Row::modelId));
    return rows;
  }
}
