package io.modelmap.cli.operations;

import io.modelmap.aggregator.embedding.EmbeddingSettings;
import io.modelmap.aggregator.embedding.QuestionEncoding;
import io.modelmap.aggregator.prediction.CollaborativeSettings;
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

  @Option(names = "--cpp-min-scores", defaultValue = "${env:MODELMAP_CPP_MIN_SCORES:-20}",
      description = "Known scores (all models and benchmarks) before collaborative prediction fits (default ${DEFAULT-VALUE}).")
  int cppMinScores;

  @Option(names = "--cpp-debounce-ms", defaultValue = "${env:MODELMAP_CPP_DEBOUNCE_MS:-5000}",
      description = "Quiet milliseconds after the last score or registration before a collaborative refit"
          + " (default ${DEFAULT-VALUE}).")
  long cppDebounceMs;

  @Option(names = "--cpp-epochs", defaultValue = "${env:MODELMAP_CPP_EPOCHS:-200}",
      description = "Passes over the known scores per collaborative fit (default ${DEFAULT-VALUE}).")
  int cppEpochs;

  @Option(names = "--embedding-retrain-interval-s", defaultValue = "${env:MODELMAP_EMBEDDING_RETRAIN_INTERVAL_S:-600}",
      description = "Least seconds between two full trainings of the model embeddings; new models are folded in"
          + " meanwhile (default ${DEFAULT-VALUE}).")
  long embeddingRetrainSeconds;

  @Option(names = "--embedding-dimension", defaultValue = "${env:MODELMAP_EMBEDDING_DIMENSION:-16}",
      description = "Width of the model embeddings (default ${DEFAULT-VALUE}).")
  int embeddingDimension;

  @Option(names = "--embedding-encoder", defaultValue = "${env:MODELMAP_EMBEDDING_ENCODER:-minilm}",
      description = "How the streamed embeddings encode questions: minilm (all-MiniLM-L6-v2, each item once, in the"
          + " background) or tfidf (hashed TF-IDF, no weights) (default ${DEFAULT-VALUE}).")
  String embeddingEncoder;

  PredictionSettings settings() {
    CollaborativeSettings cpp = CollaborativeSettings.defaults();
    EmbeddingSettings embedding = EmbeddingSettings.defaults();
    return new PredictionSettings(minObserved, folds, PredictionSettings.Grouping.ofLabel(grouping),
        Duration.ofSeconds(analyticsIntervalSeconds), new CollaborativeSettings(cppMinScores,
            Duration.ofMillis(cppDebounceMs), cppEpochs, cpp.width(), cpp.axes(), cpp.folds()),
        new EmbeddingSettings(embeddingDimension, embedding.epochs(), embedding.bits(),
            Duration.ofSeconds(embeddingRetrainSeconds), embedding.quiet(), embedding.minModels(),
            embedding.minQuestions(), QuestionEncoding.ofLabel(embeddingEncoder), embedding.leaveOutBenchmarks()));
  }
}
