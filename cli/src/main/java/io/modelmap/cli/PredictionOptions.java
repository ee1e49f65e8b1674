package io.modelmap.cli;

import io.modelmap.aggregator.prediction.PredictionSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The aggregator's benchmark-prediction options (modelmap §5), each also an environment variable. */
final class PredictionOptions {
  @Option(names = "--prediction-min-observed", defaultValue = "${env:MODELMAP_PREDICTION_MIN_OBSERVED:-10}",
      description = "Observed complete models a benchmark needs before it is fitted (default ${DEFAULT-VALUE}).")
  int minObserved;

  @Option(names = "--prediction-folds", defaultValue = "${env:MODELMAP_PREDICTION_FOLDS:-5}",
      description = "Outer and inner cross-validation folds (default ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--prediction-grouping", defaultValue = "${env:MODELMAP_PREDICTION_GROUPING:-family}",
      description = "What folds are grouped by, so no model is predicted from its own group: family or type"
          + " (default ${DEFAULT-VALUE}).")
  String grouping;

  @Option(names = "--analytics-interval-s", defaultValue = "${env:MODELMAP_ANALYTICS_INTERVAL_S:-10}",
      description = "Least seconds between two recomputations of a corpus's analytics, O(K³) (default ${DEFAULT-VALUE}).")
  long analyticsIntervalSeconds;

  PredictionSettings settings() {
    return new PredictionSettings(minObserved, folds, PredictionSettings.Grouping.ofLabel(grouping),
        Duration.ofSeconds(analyticsIntervalSeconds));
  }
}
