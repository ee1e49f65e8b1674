package io.modelmap.cli.transfer;

import io.modelmap.cli.runtime.PublishedCorpora;
import io.modelmap.producer.csv.CsvFiles;
import io.modelmap.producer.kafka.ConnectionConfig;
import io.modelmap.producer.kafka.TopicReader;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.NeighborEntry;
import io.modelmap.schemas.avro.NeighborList;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.avro.TextScore;
import io.modelmap.schemas.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the current state of one corpus's map, read back from the topics, as {@code texts.csv},
 * {@code L.csv}, {@code Q.csv}, {@code models.csv} and {@code neighbors.csv}, with the predictions
 * ({@link PredictionExporter}) and analytics ({@link AnalyticsExporter}).
 */
public final class MapExporter {
  private final ConnectionConfig connection;

  public MapExporter(ConnectionConfig connection) {
    this.connection = connection;
  }

  /** Whether any corpus has been published. */
  public static boolean anyCorpus(ConnectionConfig connection) {
    return !new TopicReader(connection).latestByKey(connection.topics().corpusTexts()).isEmpty();
  }

  /** Exports corpus {@code corpusId}, or the only corpus when null. Returns the corpus exported. */
  public String export(Path dir, String corpusId) throws IOException {
    Files.createDirectories(dir);
    Topics topics = connection.topics();
    TopicReader reader = new TopicReader(connection);
    List<TextChunk> texts = corpus(PublishedCorpora.read(connection), corpusId);
    String corpus = texts.get(0).getCorpusId();
    List<String> textIds = texts.stream().map(TextChunk::getTextId).toList();
    writeTexts(dir.resolve("texts.csv"), texts);

    Map<String, Integer> column = new HashMap<>();
    texts.forEach(t -> column.put(t.getTextId(), t.getIndex()));
    Map<String, Double[]> l = new TreeMap<>();
    reader.readAll(topics.textScores(), (model, scores) -> {
      if (scores == null || !scores.getCorpusId().equals(corpus)) {
        return;
      }
      Double[] row = l.computeIfAbsent(scores.getModelId(), m -> new Double[texts.size()]);
      for (TextScore s : scores.getScores()) {
        Integer index = column.get(s.getTextId());
        if (index != null && row[index] == null) {
          row[index] = s.getLogLikelihood(); // the first score counts, as in the aggregator
        }
      }
    });
    writeMatrix(dir.resolve("L.csv"), textIds, l);

    Map<String, ModelCoordinates> coordinates = new TreeMap<>();
    reader.latestByKey(topics.modelCoordinates()).forEach((k, v) -> {
      if (v.getCorpusId().equals(corpus)) {
        coordinates.put(k, v);
      }
    });
    CoordinateFrame frame = reader.latestByKey(topics.coordinateFrame()).get(corpus);
    writeMatrix(dir.resolve("Q.csv"), textIds, qRows(coordinates, frame));
    TreeSet<String> models = new TreeSet<>(l.keySet());
    Map<String, ModelRegistered> registered = reader.latestByKey(topics.modelRegistered());
    registered.values().stream()
        .filter(m -> m.getCorpusId().equals(corpus)).map(ModelRegistered::getModelId).forEach(models::add);
    writeModels(dir.resolve("models.csv"), models, coordinates, registered);
    Map<String, NeighborList> neighbors = new TreeMap<>(reader.latestByKey(topics.modelNeighbors()));
    writeNeighbors(dir.resolve("neighbors.csv"), neighbors, corpus);
    PredictionExporter.export(reader, topics, corpus, dir);
    AnalyticsExporter.export(reader.latestByKey(topics.modelAnalytics()).get(corpus), frame, dir);
    return corpus;
  }

  /** The texts the aggregator accepted of {@code corpusId}, or of the only corpus when null. */
  private static List<TextChunk> corpus(PublishedCorpora published, String corpusId) throws IOException {
    TreeSet<String> corpora = new TreeSet<>(published.ids());
    if (corpora.isEmpty()) {
      throw new IOException("no corpus has been published yet; nothing to export");
    }
    String chosen = corpusId;
    if (chosen == null) {
      if (corpora.size() > 1) {
        throw new IOException("several corpora exist " + corpora + "; choose one with --corpus-id");
      }
      chosen = corpora.first();
    }
    List<TextChunk> texts = published.corpus(chosen).texts();
    if (texts.isEmpty()) {
      throw new IOException("corpus " + chosen + " not found; known corpora: " + corpora);
    }
    return texts;
  }

  private static Map<String, Double[]> qRows(Map<String, ModelCoordinates> coordinates, CoordinateFrame frame) {
    Map<String, Double[]> q = new TreeMap<>();
    if (frame == null) {
      return q;
    }
    List<Double> means = frame.getColumnMeans();
    coordinates.forEach((model, c) -> {
      if (c.getComplete()) {
        Double[] row = new Double[means.size()];
        for (int s = 0; s < row.length; s++) {
          row[s] = c.getXi().get(s) - means.get(s);
        }
        q.put(model, row);
      }
    });
    return q;
  }

  private static void writeTexts(Path file, List<TextChunk> texts) throws IOException {
    try (CSVPrinter csv = CsvFiles.writer(file, List.of("text_id", "category", "bytes"))) {
      for (TextChunk t : texts) {
        csv.printRecord(t.getTextId(), t.getCategory(), t.getByteLength());
      }
    }
  }

  private static void writeMatrix(Path file, List<String> textIds, Map<String, Double[]> rows) throws IOException {
    List<String> header = new ArrayList<>();
    header.add("model_id");
    header.addAll(textIds);
    try (CSVPrinter csv = CsvFiles.writer(file, header)) {
      for (Map.Entry<String, Double[]> row : rows.entrySet()) {
        List<String> record = new ArrayList<>(header.size());
        record.add(row.getKey());
        for (Double v : row.getValue()) {
          record.add(v == null ? "" : CsvFiles.number(v));
        }
        csv.printRecord(record);
      }
    }
  }

  /** One row per model; source_uri and revision say which weights were scored (an hf:// source's commit). */
  private static void writeModels(Path file, TreeSet<String> models, Map<String, ModelCoordinates> coordinates,
      Map<String, ModelRegistered> registered) throws IOException {
    try (CSVPrinter csv = CsvFiles.writer(file, List.of("model_id", "mean_loglik", "texts_scored", "complete",
        "source_uri", "revision"))) {
      for (String model : models) {
        ModelCoordinates c = coordinates.get(model);
        ModelRegistered r = registered.get(model);
        csv.printRecord(model, c == null ? "" : CsvFiles.number(c.getMeanLogLikelihood()),
            c == null ? 0 : c.getTextsScored(), c != null && c.getComplete(), r == null ? "" : r.getSourceUri(),
            r == null || r.getRevision() == null ? "" : r.getRevision());
      }
    }
  }

  private static void writeNeighbors(Path file, Map<String, NeighborList> neighbors, String corpus) throws IOException {
    try (CSVPrinter csv = CsvFiles.writer(file,
        List.of("model_id", "rank", "neighbor_id", "kl_nats", "kl_bpb", "overlap"))) {
      for (NeighborList list : neighbors.values()) {
        if (!list.getCorpusId().equals(corpus)) {
          continue;
        }
        int rank = 1;
        for (NeighborEntry n : list.getNeighbors()) {
          csv.printRecord(list.getModelId(), rank++, n.getModelId(), CsvFiles.number(n.getKlNats()),
              CsvFiles.number(n.getKlBitsPerByte()), n.getOverlap());
        }
      }
    }
  }
}
