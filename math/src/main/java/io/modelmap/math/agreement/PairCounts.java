package io.modelmap.math.agreement;

import java.util.Arrays;

/**
 * The counts behind every agreement statistic of one ordered pair (A, B) over the items both
 * answered. Adding an item is O(1); the rates are derived, so counts from several sources pool
 * by addition.
 */
public final class PairCounts {
  private long items;
  private long same;
  private long correctA;
  private long correctB;
  private long bothCorrect;
  private long bothWrong;
  private long agreeBothWrong;
  /** bothWrongByChoices[k]: both-wrong items that had k choices. */
  private long[] bothWrongByChoices = new long[0];

  /** Counts one item both models answered. */
  public void add(int answerA, int answerB, int gold, int choices) {
    if (!Answers.isAnswered(answerA) || !Answers.isAnswered(answerB)) {
      throw new IllegalArgumentException("both models must have answered the item");
    }
    boolean aCorrect = answerA == gold;
    boolean bCorrect = answerB == gold;
    boolean agree = Answers.agree(answerA, answerB);
    items++;
    same += agree ? 1 : 0;
    correctA += aCorrect ? 1 : 0;
    correctB += bCorrect ? 1 : 0;
    if (aCorrect && bCorrect) {
      bothCorrect++;
    } else if (!aCorrect && !bCorrect) {
      bothWrong++;
      agreeBothWrong += agree ? 1 : 0;
      if (choices >= bothWrongByChoices.length) {
        bothWrongByChoices = Arrays.copyOf(bothWrongByChoices, choices + 1);
      }
      bothWrongByChoices[choices]++;
    }
  }

  /** The same counts seen from (B, A). */
  public PairCounts swapped() {
    PairCounts s = copy();
    s.correctA = correctB;
    s.correctB = correctA;
    return s;
  }

  public PairCounts copy() {
    PairCounts c = new PairCounts();
    c.items = items;
    c.same = same;
    c.correctA = correctA;
    c.correctB = correctB;
    c.bothCorrect = bothCorrect;
    c.bothWrong = bothWrong;
    c.agreeBothWrong = agreeBothWrong;
    c.bothWrongByChoices = bothWrongByChoices.clone();
    return c;
  }

  /** Counts as stored: items, same, correctA, correctB, bothCorrect, bothWrong, agreeBothWrong, then per k. */
  public long[] toArray() {
    long[] fixed = {items, same, correctA, correctB, bothCorrect, bothWrong, agreeBothWrong};
    long[] all = Arrays.copyOf(fixed, fixed.length + bothWrongByChoices.length);
    System.arraycopy(bothWrongByChoices, 0, all, fixed.length, bothWrongByChoices.length);
    return all;
  }

  public static PairCounts fromArray(long[] a) {
    PairCounts c = new PairCounts();
    c.items = a[0];
    c.same = a[1];
    c.correctA = a[2];
    c.correctB = a[3];
    c.bothCorrect = a[4];
    c.bothWrong = a[5];
    c.agreeBothWrong = a[6];
    c.bothWrongByChoices = Arrays.copyOfRange(a, 7, a.length);
    return c;
  }

  public long items() {
    return items;
  }

  public long same() {
    return same;
  }

  public long correctA() {
    return correctA;
  }

  public long correctB() {
    return correctB;
  }

  public long bothCorrect() {
    return bothCorrect;
  }

  /** Items where at least one model is wrong. */
  public long eitherWrong() {
    return items - bothCorrect;
  }

  /** Same answer among items where at least one is wrong (both correct always agree). */
  public long agreeEitherWrong() {
    return same - bothCorrect;
  }

  public long bothWrong() {
    return bothWrong;
  }

  public long agreeBothWrong() {
    return agreeBothWrong;
  }

  /** Both-wrong items with {@code k} choices. */
  public long bothWrongWithChoices(int k) {
    return k < bothWrongByChoices.length ? bothWrongByChoices[k] : 0;
  }

  /** The largest choice count among both-wrong items (0 when there are none). */
  public int maxChoices() {
    for (int k = bothWrongByChoices.length - 1; k > 0; k--) {
      if (bothWrongByChoices[k] > 0) {
        return k;
      }
    }
    return 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PairCounts p && Arrays.equals(trimmed(), p.trimmed());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(trimmed());
  }

  private long[] trimmed() {
    return Arrays.copyOf(toArray(), 7 + maxChoices() + 1);
  }

  @Override
  public String toString() {
    return "PairCounts" + Arrays.toString(trimmed());
  }
}
