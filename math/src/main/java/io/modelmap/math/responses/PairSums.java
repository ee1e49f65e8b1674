package io.modelmap.math.responses;

import java.util.Arrays;

/**
 * A pair's running sums over shared prompts, exact and so independent of the order responses arrive
 * in: each value is rounded once to a multiple of 2^-40 (about 1e-12) and summed as an integer.
 * Means are then the same whatever the order, and a new prompt costs O(1). METEOR came later than the
 * other four: it has its own count of prompts, which falls short of {@link #prompts()} only for a pair
 * whose sums were stored before it was added.
 */
public final class PairSums {
  private static final double UNIT = 0x1p40;
  /** The layout before METEOR: prompts and four sums. */
  private static final int WITHOUT_METEOR = 5;
  /** ... then the METEOR sum and the prompts it is over. */
  private static final int WITH_METEOR = 7;
  private long prompts;
  private long rouge1;
  private long rouge2;
  private long rougeL;
  private long bleu;
  private long meteor;
  private long meteorPrompts;

  public void add(ResponsePair pair) {
    prompts++;
    rouge1 += fixed(pair.rouge1());
    rouge2 += fixed(pair.rouge2());
    rougeL += fixed(pair.rougeL());
    bleu += fixed(pair.bleu());
    meteor += fixed(pair.meteor());
    meteorPrompts++;
  }

  /**
   * The state as longs for a store: prompts, the ROUGE-1, ROUGE-2, ROUGE-L and BLEU sums in units of
   * 2^-40, then the METEOR sum and its prompts; the last two left out (five longs, the layout stored
   * before METEOR) while no METEOR value has been added.
   */
  public long[] toLongs() {
    long[] all = {prompts, rouge1, rouge2, rougeL, bleu, meteor, meteorPrompts};
    return meteorPrompts == 0 ? Arrays.copyOf(all, WITHOUT_METEOR) : all;
  }

  /** Reads {@link #toLongs()}: five longs (stored before METEOR) or seven. */
  public static PairSums fromLongs(long[] state) {
    if (state.length != WITHOUT_METEOR && state.length != WITH_METEOR) {
      throw new IllegalArgumentException("pair sums are 5 or 7 longs, not " + state.length);
    }
    PairSums sums = new PairSums();
    sums.prompts = state[0];
    sums.rouge1 = state[1];
    sums.rouge2 = state[2];
    sums.rougeL = state[3];
    sums.bleu = state[4];
    if (state.length == WITH_METEOR) {
      sums.meteor = state[5];
      sums.meteorPrompts = state[6];
    }
    return sums;
  }

  public long prompts() {
    return prompts;
  }

  /** The prompts the METEOR mean is over. */
  public long meteorPrompts() {
    return meteorPrompts;
  }

  /** The means over the shared prompts (every value in [0, 1]; NaN with no prompt). */
  public ResponsePair means() {
    return new ResponsePair(mean(rouge1, prompts), mean(rouge2, prompts), mean(rougeL, prompts), mean(bleu, prompts),
        mean(meteor, meteorPrompts));
  }

  private static double mean(long sum, long count) {
    return count == 0 ? Double.NaN : sum / UNIT / count;
  }

  private static long fixed(double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException("a similarity must lie in [0, 1], not " + value);
    }
    return Math.round(value * UNIT);
  }
}
