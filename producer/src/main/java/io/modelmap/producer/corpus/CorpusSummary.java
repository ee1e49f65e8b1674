package io.modelmap.producer.corpus;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a built corpus holds: texts and mean UTF-8 bytes per category, for the user to check before
 * models are scored on it.
 *
 * @param texts texts in all
 * @param meanBytes mean UTF-8 length over all texts
 * @param byCategory category → texts and mean bytes
 */
public record CorpusSummary(int texts, double meanBytes, Map<String, Category> byCategory) {

  /** @param texts texts of the category @param meanBytes their mean UTF-8 length */
  public record Category(int texts, double meanBytes) {}

  public static CorpusSummary of(List<CorpusText> corpus) {
    Map<String, long[]> sums = new TreeMap<>();
    long bytes = 0;
    for (CorpusText text : corpus) {
      long[] sum = sums.computeIfAbsent(text.category(), c -> new long[2]);
      sum[0]++;
      sum[1] += text.byteLength();
      bytes += text.byteLength();
    }
    Map<String, Category> byCategory = new TreeMap<>();
    sums.forEach((category, sum) -> byCategory.put(category, new Category((int) sum[0], (double) sum[1] / sum[0])));
    return new CorpusSummary(corpus.size(), corpus.isEmpty() ? 0 : (double) bytes / corpus.size(), byCategory);
  }

  /** A few lines: the totals, then one line per category. */
  public String describe() {
    StringBuilder out = new StringBuilder(String.format("%,d texts, mean %.1f bytes", texts, meanBytes));
    byCategory.forEach((name, c) -> out.append(String.format("%n  %-24s %,8d texts  mean %7.1f bytes", name, c.texts(),
        c.meanBytes())));
    return out.toString();
  }
}
