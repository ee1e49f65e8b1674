package io.modelmap.math.responses;

import java.util.Set;

/** The words a thesaurus counts as synonyms of a word: METEOR's third matching stage. */
@FunctionalInterface
public interface Synonyms {
  /** No synonyms: METEOR with its exact and stem stages only. */
  Synonyms NONE = word -> Set.of();

  /** The synonyms of a lower-case word (not necessarily including the word itself). */
  Set<String> of(String word);
}
