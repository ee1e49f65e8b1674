package io.modelmap.aggregator.prediction;

import io.modelmap.schemas.avro.BenchmarkRegistered;

/**
 * A benchmark's task factors (CPP §3.2): from benchmark-registered, else the shots and metric its
 * scores carry; null where unknown.
 */
record TaskFacts(String ability, String family, String outputFormat, Integer shots, String metric) {
  static final TaskFacts UNKNOWN = new TaskFacts(null, null, null, null, null);

  static TaskFacts of(BenchmarkRegistered registered) {
    return new TaskFacts(ModelFacts.text(registered.getAbility()), ModelFacts.text(registered.getFamily()),
        ModelFacts.text(registered.getOutputFormat()), registered.getShots(), null);
  }

  /** These facts, with the shots and metric of a score where these have none. */
  TaskFacts orFromScore(Integer scoreShots, String scoreMetric) {
    return new TaskFacts(ability, family, outputFormat, shots != null ? shots : scoreShots,
        metric != null ? metric : scoreMetric);
  }

  String[] categories() {
    return new String[] {ability, family, outputFormat, shots == null ? null : Integer.toString(shots), metric};
  }
}
