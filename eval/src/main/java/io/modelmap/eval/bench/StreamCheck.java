package io.modelmap.eval.bench;

import io.modelmap.math.BatchReference;
import io.modelmap.math.predict.RidgeCrossValidation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The benchmark's checks of what the stream published against the {@link BatchReference batch reference}: every neighbour
 * list and the column means (relative differences), and the probe models' ridge predictions (absolute
 * differences). The caller reads the topics; this class only compares.
 */
public final class StreamCheck {
  private StreamCheck() {}

  /** One entry of a streamed neighbour list, nearest first. */
  public record Neighbour(String modelId, double klNats) {}

  /**
   * @param maxRelative the largest relative difference found
   * @param lists the lists checked
   */
  public record NeighbourCheck(double maxRelative, int lists) {}

  /**
   * Every entry of every model's list against the reference's KL of that pair; for the sampled models
   * also each entry against the r-th smallest of the model's whole reference row (the r-th nearest, not
   * just any model); and the streamed column means against the reference's ξ̄.
   *
   * @param ids the models' ids, by index
   * @param lists each model's latest streamed list, by id (every model must have one)
   */
  public static NeighbourCheck neighbours(List<String> ids, BatchReference reference, SampledReference sampled,
      Map<String, List<Neighbour>> lists, List<Double> columnMeans) {
    double max = 0;
    int checked = 0;
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      index.put(ids.get(i), i);
    }
    Map<Integer, double[]> sortedRows = new HashMap<>();
    for (int r = 0; r < sampled.sample().length; r++) {
      double[] row = sampled.rows()[r].clone();
      row[sampled.sample()[r]] = Double.POSITIVE_INFINITY;
      Arrays.sort(row);
      sortedRows.put(sampled.sample()[r], row);
    }
    for (int i = 0; i < ids.size(); i++) {
      List<Neighbour> list = lists.get(ids.get(i));
      double[] sorted = sortedRows.get(i);
      int[] listed = list.stream().mapToInt(entry -> index.get(entry.modelId())).toArray();
      double[] referenceKl = reference.klNats(new int[] {i}, listed)[0]; // q_i made once for the list
      for (int r = 0; r < list.size(); r++) {
        Neighbour entry = list.get(r);
        max = Math.max(max, relative(entry.klNats(), referenceKl[r]));
        if (sorted != null) {
          max = Math.max(max, relative(entry.klNats(), sorted[r]));
        }
      }
      checked++;
    }
    double[] referenceMeans = reference.columnMeans();
    for (int s = 0; s < referenceMeans.length; s++) {
      max = Math.max(max, relative(columnMeans.get(s), referenceMeans[s]));
    }
    return new NeighbourCheck(max, checked);
  }

  /** A streamed prediction of one model on one benchmark. */
  @FunctionalInterface
  public interface StreamedPrediction {
    double of(String modelId, String benchmarkId);
  }

  /**
   * The largest absolute difference between the streamed predictions of the models from {@code bulk} on
   * and ridge from Q fitted here on the reference KL of the observed models, as the aggregator trains:
   * training models sorted by id, squared distances 2·KL, 5 folds grouped by family.
   *
   * @param ids the models' ids, by index
   * @param families the models' families, by index
   */
  public static double predictions(List<String> ids, List<String> families, BatchReference reference,
      PredictionLoad load, int bulk, StreamedPrediction streamed) {
    List<Integer> sorted = new ArrayList<>();
    for (int m = 0; m < load.observed(); m++) {
      sorted.add(m);
    }
    sorted.sort(Comparator.comparing(ids::get));
    int[] training = sorted.stream().mapToInt(Integer::intValue).toArray();
    int[] probes = IntStream.range(bulk, ids.size()).toArray();
    double[][] d = squaredDistances(reference.klNats(training, training));
    double[][] probesToTraining = squaredDistances(reference.klNats(probes, training));
    List<String> groups = sorted.stream().map(families::get).toList();
    double max = 0;
    for (int b = 0; b < load.benchmarks(); b++) {
      int benchmark = b;
      double[] y = sorted.stream().mapToDouble(m -> load.score(benchmark, m)).toArray();
      RidgeCrossValidation.Fit fit = RidgeCrossValidation.fitAll(d, y, groups, 5);
      for (int p = 0; p < probes.length; p++) {
        double expected = fit.ridge().predict(probesToTraining[p]);
        max = Math.max(max, Math.abs(streamed.of(ids.get(probes[p]), PredictionLoad.benchmarkId(benchmark)) - expected));
      }
    }
    return max;
  }

  /** d² = 2·KL (eq. 3 with ‖q_i − q_j‖² / N), as the aggregator's ridge takes them. */
  private static double[][] squaredDistances(double[][] kl) {
    for (double[] row : kl) {
      Arrays.setAll(row, j -> 2 * row[j]);
    }
    return kl;
  }

  private static double relative(double actual, double expected) {
    return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
  }
}
