package io.modelmap.hub;

import java.util.List;
import java.util.Locale;

/**
 * The most bytes a model's selected files may have together, checked against the sizes of the file list
 * before anything is downloaded (a file without a size in the list counts 0).
 *
 * @param bytes the limit
 */
record SizeLimit(long bytes) {
  SizeLimit {
    if (bytes < 1) {
      throw new IllegalArgumentException("size limit must be positive, was " + bytes);
    }
  }

  void check(HubModelId id, RepoInfo info, List<String> selected) {
    long total = selected.stream().flatMap(p -> info.file(p).stream())
        .mapToLong(f -> f.size().orElse(0L)).sum();
    if (total > bytes) {
      throw new HubException(HubException.Kind.TOO_LARGE, "model " + id + " needs " + format(total) + " in "
          + selected.size() + " files, more than the limit of " + format(bytes));
    }
  }

  /** 1234567 as "1.2 MB" (powers of 1000, as the Hub's pages show sizes). */
  static String format(long n) {
    if (n < 1000) {
      return n + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB", "PB"};
    double value = n;
    int unit = -1;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
