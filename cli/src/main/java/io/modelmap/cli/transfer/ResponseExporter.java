package io.modelmap.cli.transfer;

import io.modelmap.cli.runtime.LineageTable;
import io.modelmap.math.responses.ResponseSimilarity.ModelPair;
import io.modelmap.formats.export.ResponseCsvWriter;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.TopicReader;
import io.modelmap.schemas.avro.ResponseSimilarity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exports the response view: reads the latest {@code response-similarity} records and the lineage
 * ({@value #LINEAGE_K} nearest by KL and by ROUGE-L) and has {@link ResponseCsvWriter} write
 * {@code response-similarity.csv} and {@code lineage.csv}.
 */
public final class ResponseExporter {
  static final int LINEAGE_K = 5;
  private final KafkaConnection connection;

  public ResponseExporter(KafkaConnection connection) {
    this.connection = connection;
  }

  /** @return the pairs written */
  public int export(Path dir) throws IOException {
    Files.createDirectories(dir);
    TopicReader reader = new TopicReader(connection);
    Map<ModelPair, ResponseSimilarity> pairs = new TreeMap<>(); // by model A, then B (not by the encoded key)
    reader.latestByKey(connection.topics().responseSimilarity()).values()
        .forEach(p -> pairs.put(ModelPair.of(p.getModelA().toString(), p.getModelB().toString()), p));
    ResponseCsvWriter.writeSimilarity(dir.resolve("response-similarity.csv"), pairs.values());
    ResponseCsvWriter.writeLineage(dir.resolve("lineage.csv"), LineageTable.read(connection, LINEAGE_K));
    return pairs.size();
  }
}
