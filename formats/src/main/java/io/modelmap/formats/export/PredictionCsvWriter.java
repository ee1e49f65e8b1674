package io.modelmap.formats.export;

import io.modelmap.formats.csv.CsvFiles;
import io.modelmap.schemas.avro.PredictionQuality;
import io.modelmap.schemas.avro.ScorePrediction;
import io.modelmap.schemas.avro.ScorePredictions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a corpus's predicted benchmark scores: {@code predictions.csv} (predicted from the fit on every
 * observed model; out_of_fold, for an observed model, with its fold held out) and
 * {@code prediction-quality.csv} (the out-of-fold Pearson r and Spearman ρ of each benchmark).
 */
public final class PredictionCsvWriter {
  private PredictionCsvWriter() {}

  /** Writes the records of {@code corpus} into {@code dir}, in the order given; records of other corpora are left out. */
  public static void write(Collection<ScorePredictions> predictions, Collection<PredictionQuality> quality,
      String corpus, Path dir) throws IOException {
    try (CSVPrinter csv = CsvFiles.writer(dir.resolve("predictions.csv"),
        List.of("model_id", "benchmark", "method", "observed", "predicted", "out_of_fold"))) {
      for (ScorePredictions model : predictions) {
        if (!model.getCorpusId().equals(corpus)) {
          continue;
        }
        for (ScorePrediction p : model.getPredictions()) {
          csv.printRecord(model.getModelId(), p.getBenchmarkId(), p.getMethod(), optional(p.getObserved()),
              CsvFiles.number(p.getPredicted()), optional(p.getOutOfFold()));
        }
      }
    }
    try (CSVPrinter csv = CsvFiles.writer(dir.resolve("prediction-quality.csv"),
        List.of("benchmark", "method", "models", "folds", "grouping", "pearson_r", "spearman_rho", "alpha"))) {
      for (PredictionQuality q : quality) {
        if (q.getCorpusId().equals(corpus)) {
          csv.printRecord(q.getBenchmarkId(), q.getMethod(), q.getModels(), q.getFolds(), q.getGrouping(),
              CsvFiles.number(q.getPearsonR()), CsvFiles.number(q.getSpearmanRho()), CsvFiles.number(q.getAlpha()));
        }
      }
    }
  }

  private static String optional(Double value) {
    return value == null ? "" : CsvFiles.number(value);
  }
}
