package io.modelmap.aggregator.matrix;

import io.modelmap.math.BatchReference;
import io.modelmap.math.CompensatedSums;
import io.modelmap.math.KlDivergence;
import io.modelmap.math.KlEstimate;
import io.modelmap.math.Neighbor;
import io.modelmap.math.NeighborRanking;
import io.modelmap.math.QuantileClipping;
import io.modelmap.math.Vectors;
import io.modelmap.schemas.avro.ModelPosition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the aggregator knows about one corpus: its texts, every model's row, and the neighbour
 * lists of complete models. Plain Java; {@link MatrixProcessor} persists and publishes it.
 *
 * <p>Without clipping a completed row costs O(K·N): its distance to every complete row, one offer
 * into each of their top-k lists, and the column means. With clipping the floor moves with every
 * row, so each completion recomputes the batch formulas over all complete rows (O(K²·N)).
 */
final class CorpusMatrix {
  /** Rows linked together in a restore: as many as a large completion batch. */
  private static final int RESTORE_BLOCK = 64;
  private final String corpusId;
  private final int neighborCount;
  private final OptionalDouble clippingQuantile;
  private final CorpusColumns columns = new CorpusColumns();
  private int[] byteLengths;
  private final TreeMap<String, ModelRow> rows = new TreeMap<>();
  private final TreeSet<String> complete = new TreeSet<>();
  private final Map<String, List<Neighbor>> neighbors = new HashMap<>();
  private final Set<String> changedSincePunctuation = new LinkedHashSet<>();
  private BatchReference clipped;
  private double clippingFloor = Double.NaN;
  private String[] textCategories;
  private List<String> categoryNames;
  private int[] categoryOfText;
  /** The K × K distances the layout needs; null on a shard (S &gt; 1), where no layout is made. */
  private final MapState map;
  private CompensatedSums xiSums;

  /** The whole corpus in one task, its map laid out from the distances kept here. */
  CorpusMatrix(String corpusId, int neighborCount, OptionalDouble clippingQuantile) {
    this(corpusId, neighborCount, clippingQuantile, true);
  }

  /**
   * As above; without {@code keepsMapDistances} (one shard of a corpus, S &gt; 1) the distances are not kept: a
   * shard's triangle of its own models' distances would be K²/2S² doubles (2.5 GB for 25,000 models) for a layout
   * that is never made at S &gt; 1.
   */
  CorpusMatrix(String corpusId, int neighborCount, OptionalDouble clippingQuantile, boolean keepsMapDistances) {
    this.corpusId = corpusId;
    this.neighborCount = neighborCount;
    this.clippingQuantile = clippingQuantile;
    this.map = keepsMapDistances ? new MapState() : null;
  }

  String corpusId() {
    return corpusId;
  }

  /** Learns a text unless it contradicts the corpus known so far ({@link CorpusColumns}). */
  CorpusColumns.Outcome addText(String textId, int index, int corpusSize, int byteLength, String category) {
    CorpusColumns.Outcome outcome = columns.add(textId, index, corpusSize);
    if (outcome == CorpusColumns.Outcome.ADDED) {
      if (byteLengths == null) {
        byteLengths = new int[corpusSize];
        textCategories = new String[corpusSize];
      }
      byteLengths[index] = byteLength;
      textCategories[index] = category;
    }
    return outcome;
  }

  boolean isCorpusKnown() {
    return columns.isWhole();
  }

  OptionalInt indexOf(String textId) {
    return columns.indexOf(textId);
  }

  int size() {
    return byteLengths.length;
  }

  double meanTextBytes() {
    double sum = 0;
    for (int b : byteLengths) {
      sum += b;
    }
    return sum / byteLengths.length;
  }

  ModelRow row(String modelId) {
    return rows.computeIfAbsent(modelId, id -> new ModelRow(byteLengths.length));
  }

  boolean hasRow(String modelId) {
    return rows.containsKey(modelId);
  }

  /** Notes that a row in progress gained scores, for the next provisional round. */
  void markChanged(String modelId) {
    changedSincePunctuation.add(modelId);
  }

  /** Rows in progress that gained scores since the last call; clears the set. */
  List<String> drainChanged() {
    List<String> changed = new ArrayList<>();
    for (String id : changedSincePunctuation) {
      if (!rows.get(id).isComplete()) {
        changed.add(id);
      }
    }
    changedSincePunctuation.clear();
    return changed;
  }

  /** Up to {@code limit} rows with every score but not yet complete, in id order (none while the corpus is incomplete). */
  List<String> fullRowsNotComplete(int limit) {
    List<String> ready = new ArrayList<>();
    if (!isCorpusKnown()) {
      return ready;
    }
    for (Map.Entry<String, ModelRow> row : rows.entrySet()) {
      if (ready.size() == limit) {
        break;
      }
      if (row.getValue().isFull() && !row.getValue().isComplete()) {
        ready.add(row.getKey());
      }
    }
    return ready;
  }

  /** Complete models in id order. */
  List<String> completeModels() {
    return List.copyOf(complete);
  }

  int completeCount() {
    return complete.size();
  }

  /**
   * Completes full rows together and updates every neighbour list they affect. One pass over the
   * complete rows serves the whole batch ({@link KlDivergence#fromRowsBlock}, the same arithmetic per
   * pair), so a burst of completions reads the K×N rows once instead of once per model; the distances
   * and final lists are those of completing the models one by one. Returns the models whose published
   * state changed, the new ones first.
   */
  List<String> complete(List<String> batch) {
    for (String model : batch) {
      markComplete(model);
    }
    if (clippingQuantile.isPresent()) {
      return recomputeClipped(batch);
    }
    Set<String> inBatch = Set.copyOf(batch);
    List<String> before = new ArrayList<>(complete.size());
    for (String other : complete) {
      if (!inBatch.contains(other)) {
        before.add(other);
      }
    }
    Set<String> changed = new LinkedHashSet<>(batch);
    changed.addAll(link(batch, before));
    return new ArrayList<>(changed);
  }

  /**
   * The distances of a batch to the models before it and among itself, each pair once: records them,
   * offers the batch into the earlier models' lists and sets the batch's own. Returns the earlier models
   * whose list changed.
   */
  private List<String> link(List<String> batch, List<String> before) {
    int count = batch.size();
    double[][] fresh = new double[count][];
    double[] means = new double[count];
    List<List<Neighbor>> own = new ArrayList<>();
    for (int b = 0; b < count; b++) {
      fresh[b] = rows.get(batch.get(b)).values();
      means[b] = rows.get(batch.get(b)).mean();
      own.add(new ArrayList<>());
    }
    List<String> changed = new ArrayList<>();
    double[] kl = new double[count];
    for (String other : before) {
      ModelRow otherRow = rows.get(other);
      KlDivergence.fromRowsBlock(fresh, means, count, otherRow.values(), otherRow.mean(), kl);
      List<Neighbor> current = neighbors.getOrDefault(other, List.of());
      List<Neighbor> next = current;
      for (int b = 0; b < count; b++) {
        recordDistance(batch.get(b), other, kl[b]);
        own.get(b).add(new Neighbor(other, kl[b], size()));
        next = NeighborRanking.offer(next, new Neighbor(batch.get(b), kl[b], size()), neighborCount);
      }
      if (next != current) {
        neighbors.put(other, next);
        changed.add(other);
      }
    }
    for (int b = 0; b < count; b++) {
      for (int c = 0; c < b; c++) {
        double pair = KlDivergence.fromRows(fresh[b], means[b], fresh[c], means[c]);
        recordDistance(batch.get(b), batch.get(c), pair);
        own.get(b).add(new Neighbor(batch.get(c), pair, size()));
        own.get(c).add(new Neighbor(batch.get(b), pair, size()));
      }
    }
    for (int b = 0; b < count; b++) {
      neighbors.put(batch.get(b), NeighborRanking.topK(own.get(b), neighborCount));
    }
    return changed;
  }

  /** Fixes a full row's mean and counts it complete, without touching neighbour lists (restore uses this alone). */
  ModelRow markComplete(String modelId) {
    ModelRow row = rows.get(modelId);
    row.complete(Vectors.mean(row.values()));
    complete.add(modelId);
    if (xiSums == null) {
      xiSums = new CompensatedSums(size());
    }
    xiSums.add(row.values(), row.mean());
    if (map != null) {
      map.addModel(modelId, MapState.categoryMeans(row.values(), categoryOfText(), categoryNames().size()));
    }
    return row;
  }

  private void recordDistance(String a, String b, double klNats) {
    if (map != null) {
      map.recordDistance(a, b, klNats);
    }
  }

  /** The corpus's text categories, sorted, once the corpus is known. */
  List<String> categoryNames() {
    if (categoryNames == null) {
      categoryNames = List.copyOf(new TreeSet<>(Arrays.asList(textCategories)));
    }
    return categoryNames;
  }

  private int[] categoryOfText() {
    if (categoryOfText == null) {
      List<String> names = categoryNames();
      categoryOfText = new int[textCategories.length];
      for (int s = 0; s < textCategories.length; s++) {
        categoryOfText[s] = names.indexOf(textCategories[s]);
      }
    }
    return categoryOfText;
  }

  /** KL (nats per text) from a complete model to every other complete model. */
  Map<String, Double> klToCompleteModels(String modelId) {
    return map.klTo(modelId);
  }

  boolean isMapStale() {
    return map != null && map.isStale();
  }

  /** Models whose distances are kept for the map: 0 on a shard. */
  int mapSize() {
    return map == null ? 0 : map.size();
  }

  /** Lays the map out again from the stored distances (O(K²) per solver iteration). */
  List<ModelPosition> layoutMap(MapMethod method) {
    return map.layout(method, categoryNames());
  }

  /** A layout of the models complete now, to run on another thread; {@link #installLayout} publishes it. */
  MapState.Layout layoutJob(MapMethod method) {
    return map.layoutJob(method, categoryNames());
  }

  void installLayout(List<ModelPosition> laidOut) {
    map.install(laidOut);
  }

  /** Positions of the last layout. */
  List<ModelPosition> mapPositions() {
    return map.positions();
  }

  /** Clipping moves every row: the batch formulas over all complete rows, then everything changed. */
  private List<String> recomputeClipped(List<String> newModels) {
    List<String> ids = completeModels();
    double[][] l = ids.stream().map(id -> rows.get(id).values()).toArray(double[][]::new);
    clipped = BatchReference.clipped(l, clippingQuantile.getAsDouble());
    clippingFloor = QuantileClipping.threshold(l, clippingQuantile.getAsDouble());
    for (int i = 0; i < ids.size(); i++) {
      neighbors.put(ids.get(i), clipped.neighbors(i, ids, neighborCount));
      for (int j = 0; j < i; j++) {
        map.recordDistance(ids.get(i), ids.get(j), clipped.klNats(i, j));
      }
    }
    Set<String> changed = new LinkedHashSet<>(newModels);
    changed.addAll(ids);
    return new ArrayList<>(changed);
  }

  /**
   * Rebuilds every neighbour list from the complete rows, after a restore: the complete models in blocks,
   * each linked to the blocks before it, so every pair is computed once and each earlier row is read once
   * per block.
   */
  void recomputeAllNeighbors() {
    List<String> ids = completeModels();
    if (ids.isEmpty()) {
      return;
    }
    if (clippingQuantile.isPresent()) {
      recomputeClipped(List.of());
      return;
    }
    neighbors.clear();
    for (int from = 0; from < ids.size(); from += RESTORE_BLOCK) {
      link(ids.subList(from, Math.min(from + RESTORE_BLOCK, ids.size())), ids.subList(0, from));
    }
  }

  List<Neighbor> neighbors(String modelId) {
    return neighbors.getOrDefault(modelId, List.of());
  }

  /** Provisional neighbours of a row in progress: eq. 2 on its overlap with each complete row. */
  List<Neighbor> provisionalNeighbors(String modelId) {
    ModelRow row = rows.get(modelId);
    List<Neighbor> all = new ArrayList<>();
    for (String other : complete) {
      KlEstimate estimate = KlDivergence.fromOverlap(row.values(), rows.get(other).values());
      if (estimate.overlap() > 0) {
        all.add(new Neighbor(other, estimate.nats(), estimate.overlap()));
      }
    }
    return NeighborRanking.topK(all, neighborCount);
  }

  /** ℓ̄_i of a complete row (after clipping, when enabled). */
  double mean(String modelId) {
    return clipped == null ? rows.get(modelId).mean() : clipped.rowMean(completeModels().indexOf(modelId));
  }

  /** ξ_i of a complete row. */
  double[] xi(String modelId) {
    if (clipped != null) {
      return clipped.xi(completeModels().indexOf(modelId));
    }
    ModelRow row = rows.get(modelId);
    return Vectors.minus(row.values(), row.mean());
  }

  /**
   * ξ̄ over complete rows: each completion adds its ξ_i = ℓ_i − ℓ̄_i to compensated sums (O(N), where
   * summing all K rows again cost a second O(K·N) pass per arrival), which are exact to far below
   * rounding, so the result does not depend on arrival order.
   */
  double[] columnMeans() {
    if (clipped != null) {
      return clipped.columnMeans();
    }
    return xiSums.means();
  }

  /** Σ ξ over complete rows, rounded once: a shard's contribution to its corpus's ξ̄. */
  double[] xiSums() {
    return xiSums.sums();
  }

  OptionalDouble clippingFloor() {
    return Double.isNaN(clippingFloor) ? OptionalDouble.empty() : OptionalDouble.of(clippingFloor);
  }
}
