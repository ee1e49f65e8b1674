package io.modelmap.cli.support;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The names closest to a mistyped one, by edit distance counting a swap of two neighbouring letters as one edit
 * (picocli's own suggestions miss {@code dmeo} → {@code demo}). Close means at most a third of the typed length,
 * and at least one edit, apart.
 */
final class Suggestions {
  private Suggestions() {}

  /** Up to {@code limit} of {@code names} close to {@code typed}, closest first. */
  static List<String> closest(String typed, Collection<String> names, int limit) {
    int allowed = Math.max(1, typed.replaceFirst("^-+", "").length() / 3);
    return names.stream().filter(name -> distance(typed, name) <= allowed)
        .sorted(Comparator.comparingInt((String name) -> distance(typed, name)).thenComparing(name -> name))
        .limit(limit).toList();
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
