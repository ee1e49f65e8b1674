package io.modelmap.aggregator.matrix;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Which text holds which column of one corpus. A corpus is immutable (every model's row is a vector
 * over exactly its texts): the first text fixes its size, and a later text that claims another size,
 * a column already held by another text, or another column for a known text contradicts it. The
 * aggregator keeps the first and dead-letters the contradiction; {@code AcceptedCorpus} applies the
 * same rule to tell what a corpus id holds.
 */
public final class CorpusColumns {
  /** Result of offering a text: new, already known (same id, same column), or contradicting the corpus. */
  public enum Outcome { ADDED, KNOWN, CONFLICT }

  private final Map<String, Integer> indexByTextId = new HashMap<>();
  private BitSet taken;
  private int size;

  /** Learns text {@code textId} at column {@code index} of a corpus of {@code corpusSize} texts, unless it contradicts. */
  public Outcome add(String textId, int index, int corpusSize) {
    if (taken == null) {
      taken = new BitSet(corpusSize);
      size = corpusSize;
    }
    Integer known = indexByTextId.get(textId);
    if (corpusSize != size || index < 0 || index >= size || (known != null && known != index)
        || (known == null && taken.get(index))) {
      return Outcome.CONFLICT;
    }
    if (known != null) {
      return Outcome.KNOWN;
    }
    indexByTextId.put(textId, index);
    taken.set(index);
    return Outcome.ADDED;
  }

  /** The column of {@code textId}, when it is known. */
  public OptionalInt indexOf(String textId) {
    Integer index = indexByTextId.get(textId);
    return index == null ? OptionalInt.empty() : OptionalInt.of(index);
  }

  /** Whether every column has its text. */
  public boolean isWhole() {
    return taken != null && indexByTextId.size() == size;
  }

  /** Texts known so far. */
  public int known() {
    return indexByTextId.size();
  }
}
