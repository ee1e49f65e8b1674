package io.modelmap.cli.transfer;

import io.modelmap.formats.csv.CsvFiles;
import io.modelmap.producer.kafka.ConnectionConfig;
import io.modelmap.producer.kafka.TopicReader;
import io.modelmap.schemas.avro.ErrorAgreement;
import io.modelmap.schemas.avro.ModelAccuracy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVPrinter;

/** Writes {@code agreement.csv} (one row per pair, model_a &lt; model_b) and {@code accuracy.csv}, read from the topics. */
public final class AgreementExporter {
  static final List<String> AGREEMENT_HEADER = List.of("model_a", "model_b", "n", "same", "both_correct",
      "either_wrong", "agree_either_wrong", "both_wrong", "agree_both_wrong", "overall", "both_correct_rate",
      "rate_either_wrong", "rate_both_wrong", "baseline");

  private final ConnectionConfig connection;

  public AgreementExporter(ConnectionConfig connection) {
    this.connection = connection;
  }

  /** Returns the number of pairs written. */
  public int export(Path dir) throws IOException {
    Files.createDirectories(dir);
    TopicReader reader = new TopicReader(connection);
    Map<String, ErrorAgreement> pairs = new TreeMap<>(reader.latestByKey(connection.topics().errorAgreement()));
    try (CSVPrinter csv = CsvFiles.writer(dir.resolve("agreement.csv"), AGREEMENT_HEADER)) {
      for (ErrorAgreement p : pairs.values()) {
        csv.printRecord(p.getModelA(), p.getModelB(), p.getItems(), p.getSame(), p.getBothCorrect(),
            p.getEitherWrong(), p.getAgreeEitherWrong(), p.getBothWrong(), p.getAgreeBothWrong(),
            rate(p.getOverall()), rate(p.getBothCorrectRate()), rate(p.getRateEitherWrong()),
            rate(p.getRateBothWrong()), p.getBaselineBothWrong() == null ? "" : rate(p.getBaselineBothWrong()));
      }
    }
    Map<String, ModelAccuracy> accuracy = new TreeMap<>(reader.latestByKey(connection.topics().modelAccuracy()));
    try (CSVPrinter csv = CsvFiles.writer(dir.resolve("accuracy.csv"),
        List.of("model_id", "answered", "correct", "accuracy"))) {
      for (ModelAccuracy a : accuracy.values()) {
        csv.printRecord(a.getModelId(), a.getAnswered(), a.getCorrect(), rate(a.getAccuracy()));
      }
    }
    return pairs.size();
  }

  /** An undefined rate (no items in its denominator) is an empty cell. */
  private static String rate(double value) {
    return Double.isNaN(value) ? "" : CsvFiles.number(value);
  }
}
