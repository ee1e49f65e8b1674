package io.modelmap.cli.transfer;

import io.modelmap.cli.runtime.LineageTable;
import io.modelmap.math.responses.Lineage;
import io.modelmap.math.responses.ResponseSimilarity.ModelPair;
import io.modelmap.formats.csv.CsvFiles;
import io.modelmap.producer.kafka.ConnectionConfig;
import io.modelmap.producer.kafka.TopicReader;
import io.modelmap.schemas.avro.ResponseSimilarity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the response view: {@code response-similarity.csv} (every pair that shares a prompt) and
 * {@code lineage.csv} (each model's {@value #LINEAGE_K} nearest by KL and by ROUGE-L, and the models in
 * both; lists joined by {@code ;}).
 */
public final class ResponseExporter {
  public static final List<String> SIMILARITY_HEADER = List.of("model_a", "model_b", "prompts", "rouge1_f", "rouge2_f",
      "rougeL_f", "bleu");
  static final int LINEAGE_K = 5;
  private final ConnectionConfig connection;

  public ResponseExporter(ConnectionConfig connection) {
    this.connection = connection;
  }

  /** @return the pairs written */
  public int export(Path dir) throws IOException {
    Files.createDirectories(dir);
    TopicReader reader = new TopicReader(connection);
    Map<ModelPair, ResponseSimilarity> pairs = new TreeMap<>(); // by model A, then B (not by the encoded key)
    reader.latestByKey(connection.topics().responseSimilarity()).values()
        .forEach(p -> pairs.put(ModelPair.of(p.getModelA().toString(), p.getModelB().toString()), p));
    try (CSVPrinter csv = CsvFiles.writer(dir.resolve("response-similarity.csv"), SIMILARITY_HEADER)) {
      for (ResponseSimilarity p : pairs.values()) {
        csv.printRecord(p.getModelA(), p.getModelB(), p.getPrompts(), CsvFiles.number(p.getRouge1F()),
            CsvFiles.number(p.getRouge2F()), CsvFiles.number(p.getRougeLF()), CsvFiles.number(p.getBleu()));
      }
    }
    try (CSVPrinter csv = CsvFiles.writer(dir.resolve("lineage.csv"),
        List.of("model_id", "kl_neighbors", "response_neighbors", "agreeing"))) {
      for (Lineage.Entry e : LineageTable.read(connection, LINEAGE_K)) {
        csv.printRecord(e.model(), String.join(";", e.byKl()), String.join(";", e.byResponses()),
            String.join(";", e.agreeing()));
      }
    }
    return pairs.size();
  }
}
