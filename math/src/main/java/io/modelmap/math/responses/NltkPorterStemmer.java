package io.modelmap.math.responses;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Porter stemmer as NLTK 3.8's {@code PorterStemmer()} runs it in its default mode, NLTK_EXTENSIONS
 * (the mode rouge-score and NLTK's {@code meteor_score} use): Porter's 1980 steps with Martin Porter's
 * later changes ({@code bli → ble}, {@code logi → log}) and NLTK's own (a pool of irregular forms, words
 * of at most two letters kept, {@code ies/ied → ie} in four-letter words, {@code y → i} only after a
 * consonant that is not the first letter, {@code alli → al}, {@code fulli → ful}, a two-letter stem
 * {@code vc} counting as *o). Lucene's Snowball PorterStemmer is the original algorithm and differs on
 * words such as {@code dies}, {@code enjoy}, {@code sky}, {@code dying}, {@code generously}: see
 * docs/SCIENCE.md. Input is expected in lower case, as both callers pass it.
 */
public final class NltkPorterStemmer {
  private static final Map<String, String> IRREGULAR = Map.ofEntries(Map.entry("sky", "sky"),
      Map.entry("skies", "sky"), Map.entry("dying", "die"), Map.entry("lying", "lie"), Map.entry("tying", "tie"),
      Map.entry("news", "news"), Map.entry("innings", "inning"), Map.entry("inning", "inning"),
      Map.entry("outings", "outing"), Map.entry("outing", "outing"), Map.entry("cannings", "canning"),
      Map.entry("canning", "canning"), Map.entry("howe", "howe"), Map.entry("proceed", "proceed"),
      Map.entry("exceed", "exceed"), Map.entry("succeed", "succeed"));

  /** A suffix rule: replace {@code suffix} by {@code replacement} when the stem left meets the condition. */
  private record Rule(String suffix, String replacement, Predicate<String> condition) {}

  private static final Predicate<String> POSITIVE_MEASURE = stem -> measure(stem) > 0;
  private static final Predicate<String> MEASURE_ABOVE_ONE = stem -> measure(stem) > 1;

  private static final List<Rule> STEP_1A = List.of(new Rule("sses", "ss", null), new Rule("ies", "i", null),
      new Rule("ss", "ss", null), new Rule("s", "", null));
  // Porter's list with "bli" for "abli"; NLTK adds "fulli" and "logi" (whose condition looks at the stem
  // plus "l"; no earlier suffix ends in "gi", so it is tried only when the others are not)
  private static final List<Rule> STEP_2 = List.of(new Rule("ational", "ate", POSITIVE_MEASURE),
      new Rule("tional", "tion", POSITIVE_MEASURE), new Rule("enci", "ence", POSITIVE_MEASURE),
      new Rule("anci", "ance", POSITIVE_MEASURE), new Rule("izer", "ize", POSITIVE_MEASURE),
      new Rule("bli", "ble", POSITIVE_MEASURE), new Rule("alli", "al", POSITIVE_MEASURE),
      new Rule("entli", "ent", POSITIVE_MEASURE), new Rule("eli", "e", POSITIVE_MEASURE),
      new Rule("ousli", "ous", POSITIVE_MEASURE), new Rule("ization", "ize", POSITIVE_MEASURE),
      new Rule("ation", "ate", POSITIVE_MEASURE), new Rule("ator", "ate", POSITIVE_MEASURE),
      new Rule("alism", "al", POSITIVE_MEASURE), new Rule("iveness", "ive", POSITIVE_MEASURE),
      new Rule("fulness", "ful", POSITIVE_MEASURE), new Rule("ousness", "ous", POSITIVE_MEASURE),
      new Rule("aliti", "al", POSITIVE_MEASURE), new Rule("iviti", "ive", POSITIVE_MEASURE),
      new Rule("biliti", "ble", POSITIVE_MEASURE), new Rule("fulli", "ful", POSITIVE_MEASURE),
      new Rule("logi", "log", stem -> measure(stem + "l") > 0));
  private static final List<Rule> STEP_3 = List.of(new Rule("icate", "ic", POSITIVE_MEASURE),
      new Rule("ative", "", POSITIVE_MEASURE), new Rule("alize", "al", POSITIVE_MEASURE),
      new Rule("iciti", "ic", POSITIVE_MEASURE), new Rule("ical", "ic", POSITIVE_MEASURE),
      new Rule("ful", "", POSITIVE_MEASURE), new Rule("ness", "", POSITIVE_MEASURE));
  private static final List<Rule> STEP_4 = List.of(new Rule("al", "", MEASURE_ABOVE_ONE),
      new Rule("ance", "", MEASURE_ABOVE_ONE), new Rule("ence", "", MEASURE_ABOVE_ONE),
      new Rule("er", "", MEASURE_ABOVE_ONE), new Rule("ic", "", MEASURE_ABOVE_ONE),
      new Rule("able", "", MEASURE_ABOVE_ONE), new Rule("ible", "", MEASURE_ABOVE_ONE),
      new Rule("ant", "", MEASURE_ABOVE_ONE), new Rule("ement", "", MEASURE_ABOVE_ONE),
      new Rule("ment", "", MEASURE_ABOVE_ONE), new Rule("ent", "", MEASURE_ABOVE_ONE),
      new Rule("ion", "", stem -> measure(stem) > 1 && (stem.endsWith("s") || stem.endsWith("t"))),
      new Rule("ou", "", MEASURE_ABOVE_ONE), new Rule("ism", "", MEASURE_ABOVE_ONE),
      new Rule("ate", "", MEASURE_ABOVE_ONE), new Rule("iti", "", MEASURE_ABOVE_ONE),
      new Rule("ous", "", MEASURE_ABOVE_ONE), new Rule("ive", "", MEASURE_ABOVE_ONE),
      new Rule("ize", "", MEASURE_ABOVE_ONE));

  private NltkPorterStemmer() {}

  /** The stem of a lower-case word. */
  public static String stem(String word) {
    String irregular = IRREGULAR.get(word);
    if (irregular != null) {
      return irregular;
    }
    if (word.length() <= 2) {
      return word;
    }
    String stem = step1a(word);
    stem = step1b(stem);
    stem = step1c(stem);
    stem = step2(stem);
    stem = applyFirst(stem, STEP_3);
    stem = applyFirst(stem, STEP_4);
    stem = step5a(stem);
    return step5b(stem);
  }

  private static String step1a(String word) {
    if (word.endsWith("ies") && word.length() == 4) {
      return cut(word, 3) + "ie";
    }
    return applyFirst(word, STEP_1A);
  }

  private static String step1b(String word) {
    if (word.endsWith("ied")) {
      return cut(word, 3) + (word.length() == 4 ? "ie" : "i");
    }
    if (word.endsWith("eed")) {
      String stem = cut(word, 3);
      return measure(stem) > 0 ? stem + "ee" : word;
    }
    String stem = null;
    for (String suffix : new String[] {"ed", "ing"}) {
      if (word.endsWith(suffix) && containsVowel(cut(word, suffix.length()))) {
        stem = cut(word, suffix.length());
        break;
      }
    }
    if (stem == null) {
      return word;
    }
    if (stem.endsWith("at") || stem.endsWith("bl") || stem.endsWith("iz")) {
      return stem + "e";
    }
    if (endsDoubleConsonant(stem)) {
      char last = stem.charAt(stem.length() - 1);
      return last == 'l' || last == 's' || last == 'z' ? stem : cut(stem, 1);
    }
    return measure(stem) == 1 && endsCvc(stem) ? stem + "e" : stem;
  }

  private static String step1c(String word) {
    if (!word.endsWith("y")) {
      return word;
    }
    String stem = cut(word, 1);
    return stem.length() > 1 && isConsonant(stem, stem.length() - 1) ? stem + "i" : word;
  }

  private static String step2(String word) {
    if (word.endsWith("alli") && measure(cut(word, 4)) > 0) {
      return step2(cut(word, 4) + "al");
    }
    return applyFirst(word, STEP_2);
  }

  private static String step5a(String word) {
    if (!word.endsWith("e")) {
      return word;
    }
    String stem = cut(word, 1);
    int m = measure(stem);
    return m > 1 || (m == 1 && !endsCvc(stem)) ? stem : word;
  }

  private static String step5b(String word) {
    return word.endsWith("ll") && measure(cut(word, 1)) > 1 ? cut(word, 1) : word;
  }

  /** The first rule whose suffix the word has decides: applied if its condition holds, else the word is kept. */
  private static String applyFirst(String word, List<Rule> rules) {
    for (Rule rule : rules) {
      if (word.endsWith(rule.suffix())) {
        String stem = cut(word, rule.suffix().length());
        return rule.condition() == null || rule.condition().test(stem) ? stem + rule.replacement() : word;
      }
    }
    return word;
  }

  private static String cut(String word, int suffixLength) {
    return word.substring(0, word.length() - suffixLength);
  }

  private static boolean isConsonant(String word, int i) {
    char c = word.charAt(i);
    if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') {
      return false;
    }
    if (c == 'y') {
      return i == 0 || !isConsonant(word, i - 1);
    }
    return true;
  }

  /** Porter's m: the number of vowel-consonant sequences in [C](VC)^m[V]. */
  static int measure(String stem) {
    int m = 0;
    for (int i = 1; i < stem.length(); i++) {
      if (isConsonant(stem, i) && !isConsonant(stem, i - 1)) {
        m++;
      }
    }
    return m;
  }

  private static boolean containsVowel(String stem) {
    for (int i = 0; i < stem.length(); i++) {
      if (!isConsonant(stem, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean endsDoubleConsonant(String word) {
    int n = word.length();
    return n >= 2 && word.charAt(n - 1) == word.charAt(n - 2) && isConsonant(word, n - 1);
  }

  /** Porter's *o (consonant-vowel-consonant, the last not w, x or y), and NLTK's two-letter vowel-consonant. */
  private static boolean endsCvc(String word) {
    int n = word.length();
    if (n >= 3 && isConsonant(word, n - 3) && !isConsonant(word, n - 2) && isConsonant(word, n - 1)) {
      char last = word.charAt(n - 1);
      if (last != 'w' && last != 'x' && last != 'y') {
        return true;
      }
    }
    return n == 2 && !isConsonant(word, 0) && isConsonant(word, 1);
  }
}
