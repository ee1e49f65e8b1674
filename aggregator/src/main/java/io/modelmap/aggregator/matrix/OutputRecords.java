package io.modelmap.aggregator.matrix;

import io.modelmap.math.KlDivergence;
import io.modelmap.math.Neighbor;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelDistances;
import io.modelmap.schemas.avro.NeighborEntry;
import io.modelmap.schemas.avro.NeighborList;
import java.util.ArrayList;
import java.util.List;

/** Turns {@link CorpusMatrix} state into the published Avro records. */
final class OutputRecords {
  private OutputRecords() {}

  static ModelCoordinates completeCoordinates(CorpusMatrix matrix, String modelId) {
    ModelRow row = matrix.row(modelId);
    return ModelCoordinates.newBuilder()
        .setModelId(modelId).setCorpusId(matrix.corpusId())
        .setVersion(matrix.completeCount())
        .setTextsScored(row.scored()).setCorpusSize(matrix.size()).setComplete(true)
        .setMeanLogLikelihood(matrix.mean(modelId))
        .setXi(boxed(matrix.xi(modelId)))
        .build();
  }

  /** For the predictions: the model's KL to every other complete model, sent once per completion. */
  static ModelDistances distances(CorpusMatrix matrix, String modelId) {
    return ModelDistances.newBuilder().setCorpusId(matrix.corpusId()).setModelId(modelId)
        .setMeanLogLikelihood(matrix.mean(modelId))
        .setKlNats(new java.util.HashMap<>(matrix.klToCompleteModels(modelId))).build();
  }

  static ModelCoordinates progressCoordinates(CorpusMatrix matrix, String modelId) {
    ModelRow row = matrix.row(modelId);
    return ModelCoordinates.newBuilder()
        .setModelId(modelId).setCorpusId(matrix.corpusId())
        .setVersion(matrix.completeCount())
        .setTextsScored(row.scored()).setCorpusSize(matrix.size()).setComplete(false)
        .setMeanLogLikelihood(row.partialMean())
        .setXi(List.of())
        .build();
  }

  static CoordinateFrame frame(CorpusMatrix matrix, io.modelmap.aggregator.matrix.MapMethod method) {
    int k = matrix.completeCount();
    return CoordinateFrame.newBuilder()
        .setCorpusId(matrix.corpusId()).setVersion(k).setModelCount(k)
        .setColumnMeans(boxed(matrix.columnMeans()))
        .setMeanTextBytes(matrix.meanTextBytes())
        .setClippingFloor(matrix.clippingFloor().isPresent() ? matrix.clippingFloor().getAsDouble() : null)
        .setMapMethod(method.label())
        .setPositions(matrix.mapPositions())
        .build();
  }

  static NeighborList neighbors(CorpusMatrix matrix, String modelId, List<Neighbor> list, boolean provisional) {
    double meanBytes = matrix.meanTextBytes();
    List<NeighborEntry> entries = new ArrayList<>(list.size());
    for (Neighbor n : list) {
      entries.add(NeighborEntry.newBuilder().setModelId(n.modelId()).setKlNats(n.klNats())
          .setKlBitsPerByte(KlDivergence.toBitsPerByte(n.klNats(), meanBytes)).setOverlap(n.overlap()).build());
    }
    return NeighborList.newBuilder().setModelId(modelId).setCorpusId(matrix.corpusId())
        .setProvisional(provisional).setTextsScored(matrix.row(modelId).scored()).setNeighbors(entries).build();
  }

  private static List<Double> boxed(double[] values) {
    List<Double> list = new ArrayList<>(values.length);
    for (double v : values) {
      list.add(v);
    }
    return list;
  }
}
