package io.modelmap.math.collab;

/**
 * CPP's design factors (§3.2) as the networks take them: per model, numerical factors (already
 * scaled, e.g. log1p of parameters and tokens; 0 where unknown) and categorical ones as indices;
 * per task, categorical indices (ability, family, output format, shots). {@code cardinalities} give
 * the number of values of each categorical column.
 */
public record DesignFactors(double[][] modelNumeric, int[][] modelCategorical, int[] modelCardinalities,
    int[][] taskCategorical, int[] taskCardinalities) {

  public DesignFactors {
    requireWithin(modelCategorical, modelCardinalities, "model");
    requireWithin(taskCategorical, taskCardinalities, "task");
  }

  int numericWidth() {
    return modelNumeric.length == 0 ? 0 : modelNumeric[0].length;
  }

  private static void requireWithin(int[][] values, int[] cardinalities, String what) {
    for (int[] row : values) {
      if (row.length != cardinalities.length) {
        throw new IllegalArgumentException(what + " factors: " + row.length + " columns, " + cardinalities.length
            + " cardinalities");
      }
      for (int c = 0; c < row.length; c++) {
        if (row[c] < 0 || row[c] >= cardinalities[c]) {
          throw new IllegalArgumentException(what + " factor column " + c + ": value " + row[c] + " outside 0.."
              + (cardinalities[c] - 1));
        }
      }
    }
  }
}
