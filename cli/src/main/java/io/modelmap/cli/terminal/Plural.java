package io.modelmap.cli.terminal;

import java.util.Locale;

/** A count with its noun in the right number: "1 model", "2 models", "1,024 texts". */
public final class Plural {
  private Plural() {}

  /** {@code count} and {@code noun}, with an "s" unless the count is one. */
  public static String of(long count, String noun) {
    return of(count, noun, noun + "s");
  }

  /** For nouns whose plural is not the singular plus "s" ("1 copy", "2 copies"). */
  public static String of(long count, String singular, String plural) {
    return String.format(Locale.ROOT, "%,d %s", count, count == 1 ? singular : plural);
  }
}
