package io.modelmap.cli.runtime;

import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.ModelAnalytics;
import io.modelmap.schemas.avro.ModelPosition;
import io.modelmap.schemas.avro.NeighborList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an export of one corpus would still lack, judged by the views' own coverage: the frame says how many
 * complete models its column means are over and which models it has positions of, each neighbour list whether
 * it is final, the analytics how many complete models and benchmark scores they were computed from (the
 * predictions of the same moment are published before them). A complete model is one {@code model-coordinates}
 * calls complete, as {@code models.csv} writes it.
 *
 * @param completeModels the complete models of the corpus
 * @param gaps one line per file that is not complete yet, naming the file and what it lacks; empty when complete
 */
public record ExportCoverage(Set<String> completeModels, List<String> gaps) {
  /** Names listed in a gap at most; the rest are counted. */
  static final int NAMES_SHOWN = 3;

  public ExportCoverage {
    completeModels = Set.copyOf(completeModels);
    gaps = List.copyOf(gaps);
  }

  public boolean complete() {
    return gaps.isEmpty();
  }

  /**
   * @param complete the corpus's complete models
   * @param frame the corpus's coordinate frame, or null before the first
   * @param neighbors every model's latest neighbour list, by model
   * @param analytics the corpus's analytics, or null before the first
   * @param scoresOfComplete observed benchmark scores (one per model and benchmark) of the complete models
   */
  static ExportCoverage of(String corpus, Set<String> complete, CoordinateFrame frame, Map<String, NeighborList> neighbors,
      ModelAnalytics analytics, int scoresOfComplete) {
    // a corpus spread over shards (the frame says so) has no map positions or analytics yet (docs/ARCHITECTURE.md,
    // "Not yet at S > 1"): Q and the final lists are waited for, not they
    boolean sharded = frame != null && frame.getShards() > 1;
    List<String> gaps = new ArrayList<>();
    int k = complete.size();
    if (k == 0) {
      return new ExportCoverage(complete, gaps);
    }
    int framed = frame == null ? 0 : frame.getModelCount();
    if (framed != k) {
      gaps.add("Q.csv: the column means are over " + framed + " of " + k + " complete models");
    }
    Set<String> positioned = new TreeSet<>();
    if (frame != null) {
      frame.getPositions().stream().map(ModelPosition::getModelId).forEach(positioned::add);
    }
    if (!sharded) {
      missing(complete, positioned).ifPresent(names -> gaps.add("map.csv: no position yet for " + names));
    }
    Set<String> listed = new TreeSet<>();
    neighbors.values().stream().filter(n -> n.getCorpusId().equals(corpus) && !n.getProvisional())
        .map(NeighborList::getModelId).forEach(listed::add);
    missing(complete, listed).ifPresent(names -> gaps.add("neighbors.csv: no final neighbour list yet for " + names));
    if (sharded) {
      return new ExportCoverage(complete, gaps);
    }
    int analysed = analytics == null ? 0 : analytics.getCompleteModels();
    if (analysed != k) {
      gaps.add("analytics.csv, effective-dimension.csv, predictions.csv: the analytics are over " + analysed + " of "
          + k + " complete models");
    } else if (analytics.getClusterOrder().size() == k) { // above MapAnalytics.MAX_MODELS the order is a sample
      missing(complete, new TreeSet<>(analytics.getClusterOrder())).ifPresent(names ->
          gaps.add("analytics.csv: the clustering order lacks " + names));
    }
    int counted = analytics == null ? 0 : analytics.getObservedScores();
    if (counted < scoresOfComplete) {
      gaps.add("analytics.csv (leakage), predictions.csv: the analytics count " + counted + " of " + scoresOfComplete
          + " benchmark scores of complete models");
    }
    return new ExportCoverage(complete, gaps);
  }

  /** The models of {@code expected} that {@code present} lacks, a few by name, or empty when none. */
  private static java.util.Optional<String> missing(Collection<String> expected, Set<String> present) {
    List<String> absent = new TreeSet<>(expected).stream().filter(m -> !present.contains(m)).toList();
    if (absent.isEmpty()) {
      return java.util.Optional.empty();
    }
    String names = String.join(", ", absent.subList(0, Math.min(NAMES_SHOWN, absent.size())));
    return java.util.Optional.of(absent.size() + " of " + expected.size() + " complete models (" + names
        + (absent.size() > NAMES_SHOWN ? " and " + (absent.size() - NAMES_SHOWN) + " more" : "") + ")");
  }
}
