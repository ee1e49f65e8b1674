package io.modelmap.cli.transfer;

import io.modelmap.cli.terminal.Plural;
import io.modelmap.formats.matrix.ImportedMatrix;
import io.modelmap.formats.matrix.MatrixCsvReader;
import io.modelmap.formats.matrix.ModelMetadataReader;
import io.modelmap.formats.matrix.TextMetadata;
import io.modelmap.producer.corpus.CorpusPublisher;
import io.modelmap.producer.corpus.CorpusText;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.producer.registration.ModelRegistrar;
import io.modelmap.schemas.avro.TextScore;
import io.modelmap.schemas.avro.TextScores;
import io.modelmap.schemas.topic.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeds the map with log-likelihoods computed elsewhere: publishes the corpus metadata, registers
 * each row's model (source {@code imported:<file>}) and publishes the row as text-scores.
 */
public final class MatrixImporter {
  private static final int TEXTS_PER_RECORD = 500;

  private final KafkaConnection connection;
  private final PrintStream out;
  private final Clock clock;

  public MatrixImporter(KafkaConnection connection, PrintStream out, Clock clock) {
    this.connection = connection;
    this.out = out;
    this.clock = clock;
  }

  /** Result: model id → texts scored, and the corpus size. */
  public record Imported(Map<String, Integer> scoredByModel, int corpusSize, List<String> problems) {}

  public Imported importMatrix(Path matrixFile, Path textsFile, String corpusId) throws IOException {
    return importMatrix(matrixFile, textsFile, corpusId, Map.of());
  }

  /** Imports the matrix; models named in {@code metadata} are registered with their family, type and size. */
  public Imported importMatrix(Path matrixFile, Path textsFile, String corpusId,
      Map<String, ModelMetadataReader.ModelMetadata> metadata) throws IOException {
    ImportedMatrix matrix = MatrixCsvReader.read(matrixFile, textsFile);
    matrix.problems().forEach(p -> out.println("  skipped: " + p));
    Topics topics = connection.topics();
    Map<String, Integer> scored = new LinkedHashMap<>();
    try (Publisher publisher = new Publisher(connection)) {
      new CorpusPublisher(publisher, topics.corpusTexts()).publish(corpusId, corpusTexts(matrix.texts()));
      out.printf("  published corpus %s: %s%n", corpusId, Plural.of(matrix.texts().size(), "text"));
      ModelRegistrar registrar = new ModelRegistrar(publisher, topics.modelRegistered());
      for (Map.Entry<String, double[]> row : matrix.rows().entrySet()) {
        registrar.register(ModelMetadataReader.of(metadata, row.getKey()).registration(row.getKey(),
            "imported:" + matrixFile.getFileName(), corpusId, clock.millis()));
        int count = publishRow(publisher, topics, corpusId, row.getKey(), row.getValue(), matrix.texts());
        scored.put(row.getKey(), count);
      }
      publisher.flush();
    }
    out.printf("  imported %s (%s skipped)%n", Plural.of(scored.size(), "model"),
        Plural.of(matrix.problems().size(), "row"));
    return new Imported(scored, matrix.texts().size(), matrix.problems());
  }

  /** The imported texts as a corpus without the texts themselves (only their metadata was given). */
  private static List<CorpusText> corpusTexts(List<TextMetadata> texts) {
    return texts.stream().map(t -> new CorpusText(t.textId(), t.index(), null, t.category(), t.byteLength())).toList();
  }

  private int publishRow(Publisher publisher, Topics topics, String corpusId, String modelId, double[] row,
      List<TextMetadata> texts) {
    List<TextScore> batch = new ArrayList<>();
    int count = 0;
    for (int s = 0; s < row.length; s++) {
      if (!Double.isNaN(row[s])) {
        batch.add(TextScore.newBuilder().setTextId(texts.get(s).textId()).setLogLikelihood(row[s])
            .setTokensScored(0).setWindowed(false).build());
        count++;
      }
      if (batch.size() == TEXTS_PER_RECORD || (s == row.length - 1 && !batch.isEmpty())) {
        publisher.send(topics.textScores(), modelId, TextScores.newBuilder().setModelId(modelId).setCorpusId(corpusId)
            .setTaskId("import/" + modelId + "/" + s).setScores(List.copyOf(batch)).setWorkerId("import").build());
        batch.clear();
      }
    }
    return count;
  }
}
