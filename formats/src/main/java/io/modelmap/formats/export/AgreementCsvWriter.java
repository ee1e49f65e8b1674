package io.modelmap.formats.export;

import io.modelmap.formats.csv.CsvFiles;
import io.modelmap.schemas.avro.ErrorAgreement;
import io.modelmap.schemas.avro.ModelAccuracy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/** Writes {@code agreement.csv} (one row per pair, model_a &lt; model_b) and {@code accuracy.csv}. */
public final class AgreementCsvWriter {
  public static final List<String> AGREEMENT_HEADER = List.of("model_a", "model_b", "n", "same", "both_correct",
      "either_wrong", "agree_either_wrong", "both_wrong", "agree_both_wrong", "overall", "both_correct_rate",
      "rate_either_wrong", "rate_both_wrong", "baseline");

  private AgreementCsvWriter() {}

  /** Writes both files into {@code dir}, rows in the order given. */
  public static void write(Collection<ErrorAgreement> pairs, Collection<ModelAccuracy> accuracy, Path dir)
      throws IOException {
    try (CSVPrinter csv = CsvFiles.writer(dir.resolve("agreement.csv"), AGREEMENT_HEADER)) {
      for (ErrorAgreement p : pairs) {
        csv.printRecord(p.getModelA(), p.getModelB(), p.getItems(), p.getSame(), p.getBothCorrect(),
            p.getEitherWrong(), p.getAgreeEitherWrong(), p.getBothWrong(), p.getAgreeBothWrong(),
            rate(p.getOverall()), rate(p.getBothCorrectRate()), rate(p.getRateEitherWrong()),
            rate(p.getRateBothWrong()), p.getBaselineBothWrong() == null ? "" : rate(p.getBaselineBothWrong()));
      }
    }
    try (CSVPrinter csv = CsvFiles.writer(dir.resolve("accuracy.csv"),
        List.of("model_id", "answered", "correct", "accuracy"))) {
      for (ModelAccuracy a : accuracy) {
        csv.printRecord(a.getModelId(), a.getAnswered(), a.getCorrect(), rate(a.getAccuracy()));
      }
    }
  }

  /** An undefined rate (no items in its denominator) is an empty cell. */
  private static String rate(double value) {
    return Double.isNaN(value) ? "" : CsvFiles.number(value);
  }
}
