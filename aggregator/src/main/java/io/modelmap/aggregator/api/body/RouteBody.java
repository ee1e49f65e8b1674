package io.modelmap.aggregator.api.body;

import java.util.List;

/** The router's answer for one question: every model by predicted correctness, highest first. */
public record RouteBody(String question, int trainingVersion, String best, List<RankedBody> models) {

  /** One model's predicted probability of answering the question right. */
  public record RankedBody(String modelId, double probability) {}
}
