package io.modelmap.math.responses;

/**
 * A pair's running sums over shared prompts, exact and so independent of the order responses arrive
 * in: each value is rounded once to a multiple of 2^-40 (about 1e-12) and summed as an integer.
 * Means are then the same whatever the order, and a new prompt costs O(1).
 */
public final class PairSums {
  private static final double UNIT = 0x1p40;
  private long prompts;
  private long rouge1;
  private long rouge2;
  private long rougeL;
  private long bleu;

  public void add(ResponsePair pair) {
    prompts++;
    rouge1 += fixed(pair.rouge1());
    rouge2 += fixed(pair.rouge2());
    rougeL += fixed(pair.rougeL());
    bleu += fixed(pair.bleu());
  }

  /** The state as five longs (prompts, then the four sums in units of 2^-40), for a store. */
  public long[] toLongs() {
    return new long[] {prompts, rouge1, rouge2, rougeL, bleu};
  }

  public static PairSums fromLongs(long[] state) {
    PairSums sums = new PairSums();
    sums.prompts = state[0];
    sums.rouge1 = state[1];
    sums.rouge2 = state[2];
    sums.rougeL = state[3];
    sums.bleu = state[4];
    return sums;
  }

  public long prompts() {
    return prompts;
  }

  /** The means over the shared prompts (every value in [0, 1]; NaN with no prompt). */
  public ResponsePair means() {
    if (prompts == 0) {
      return new ResponsePair(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new ResponsePair(mean(rouge1), mean(rouge2), mean(rougeL), mean(bleu));
  }

  private double mean(long sum) {
    return sum / UNIT / prompts;
  }

  private static long fixed(double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException("a similarity must lie in [0, 1], not " + value);
    }
    return Math.round(value * UNIT);
  }
}
