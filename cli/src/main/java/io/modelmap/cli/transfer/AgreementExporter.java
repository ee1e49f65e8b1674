package io.modelmap.cli.transfer;

import io.modelmap.formats.export.AgreementCsvWriter;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.TopicReader;
import io.modelmap.schemas.avro.ErrorAgreement;
import io.modelmap.schemas.avro.ModelAccuracy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exports the agreement view: reads the latest {@code error-agreement} and {@code model-accuracy} records
 * and has {@link AgreementCsvWriter} write {@code agreement.csv} and {@code accuracy.csv}.
 */
public final class AgreementExporter {
  private final KafkaConnection connection;

  public AgreementExporter(KafkaConnection connection) {
    this.connection = connection;
  }

  /** Returns the number of pairs written. */
  public int export(Path dir) throws IOException {
    Files.createDirectories(dir);
    TopicReader reader = new TopicReader(connection);
    Map<String, ErrorAgreement> pairs = new TreeMap<>(reader.latestByKey(connection.topics().errorAgreement()));
    Map<String, ModelAccuracy> accuracy = new TreeMap<>(reader.latestByKey(connection.topics().modelAccuracy()));
    AgreementCsvWriter.write(pairs.values(), accuracy.values(), dir);
    return pairs.size();
  }
}
