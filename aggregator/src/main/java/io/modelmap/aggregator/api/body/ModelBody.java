package io.modelmap.aggregator.api.body;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A model: {@code GET /api/models} lists these without the detail fields (neighbours, partners);
 * {@code GET /api/models/{id}} has them.
 *
 * @param status registered, scoring, complete or failed
 * @param revision the registration's revision: for an {@code hf://} source the commit that is scored
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelBody(String modelId, String status, String corpusId, String family, String modelType,
    Long parameterCount, Map<String, String> labels, String sourceUri, String revision, List<String> benchmarks,
    Integer textsScored,
    Integer corpusSize, Double meanLogLikelihood, Long answered, Double accuracy, Double x, Double y,
    String primaryCategory, FailureBody failure, Boolean neighborsProvisional, List<NeighborBody> neighbors,
    List<PartnerBody> mostCorrelated, List<PartnerBody> leastCorrelated) {

  /** The same model with its detail fields. */
  public ModelBody withDetail(Boolean provisional, List<NeighborBody> neighborList, List<PartnerBody> most,
      List<PartnerBody> least) {
    return new ModelBody(modelId, status, corpusId, family, modelType, parameterCount, labels, sourceUri, revision,
        benchmarks, textsScored, corpusSize, meanLogLikelihood, answered, accuracy, x, y, primaryCategory, failure,
        provisional,
        neighborList, most, least);
  }
}
