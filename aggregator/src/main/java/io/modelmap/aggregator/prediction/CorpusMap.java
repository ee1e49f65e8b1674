package io.modelmap.aggregator.prediction;

import io.modelmap.math.predict.FittedRidge;
import io.modelmap.math.predict.RidgeData;
import java.util.List;

/**
 * What ridge from Q needs of one corpus's map: its complete models, the ridge data of a training set and the
 * row a fit predicts a model from. {@link CorpusDistances} holds the K × K KL the matrix sends at one shard
 * (the dual form, as before sharding); {@link CorpusRows} the ξ rows the shards send at S &gt; 1 (either form,
 * as {@link io.modelmap.math.predict.RidgeSolver} picks). Both are in the scaling ‖x_a − x_b‖² = 2·KL(a, b), so
 * a fit's α and predictions agree wherever both apply.
 */
interface CorpusMap {
  boolean contains(String model);

  /** Complete models in arrival order. */
  List<String> models();

  /** The ridge data of these (complete) models, in their order. */
  RidgeData ridgeData(List<String> training);

  /** What {@code ridge}, fitted on {@code training}, predicts {@code model} from (FittedRidge#predict's row). */
  double[] features(FittedRidge ridge, List<String> training, String model);
}
