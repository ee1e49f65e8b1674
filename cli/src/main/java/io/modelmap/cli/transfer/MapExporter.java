package io.modelmap.cli.transfer;

import io.modelmap.cli.runtime.ExportCoverage;
import io.modelmap.cli.runtime.ExportWaiter;
import io.modelmap.cli.runtime.PublishedCorpora;
import io.modelmap.formats.export.AnalyticsCsvWriter;
import io.modelmap.formats.export.MapCsvWriter;
import io.modelmap.formats.export.PredictionCsvWriter;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.TopicReader;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.NeighborList;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.avro.TextScore;
import io.modelmap.schemas.topic.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes the current state of one corpus's map, read back from the topics, as {@code texts.csv},
 * {@code L.csv}, {@code Q.csv}, {@code models.csv} and {@code neighbors.csv}, with the predictions
 * and analytics; the files are laid out by {@link MapCsvWriter}, {@link PredictionCsvWriter} and
 * {@link AnalyticsCsvWriter}.
 */
public final class MapExporter {
  private final KafkaConnection connection;

  public MapExporter(KafkaConnection connection) {
    this.connection = connection;
  }

  /** Whether any corpus has been published. */
  public static boolean anyCorpus(KafkaConnection connection) {
    return !new TopicReader(connection).latestByKey(connection.topics().corpusTexts()).isEmpty();
  }

  /**
   * What was exported: the corpus, and how well the views covered its complete models when written.
   *
   * @param coverage empty gaps when every file lists every complete model
   */
  public record Exported(String corpus, ExportCoverage coverage) {
    public boolean complete() {
      return coverage.complete();
    }

    /** One line per file that lacks something, for the user: the export was written all the same. */
    public void reportGaps(PrintStream out) {
      coverage.gaps().forEach(gap -> out.println("incomplete export: " + gap));
    }
  }

  /**
   * Exports corpus {@code corpusId}, or the only corpus when null, as the views stand now, without waiting for
   * them to cover every complete model (tests that export a system under way). Returns the corpus exported.
   */
  public String export(Path dir, String corpusId) throws IOException, InterruptedException {
    return export(dir, corpusId, Duration.ZERO, new PrintStream(java.io.OutputStream.nullOutputStream())).corpus();
  }

  /**
   * Exports corpus {@code corpusId}, or the only corpus when null, once the views cover every complete model or
   * after {@code wait}, whichever comes first; progress goes to {@code progress}.
   */
  public Exported export(Path dir, String corpusId, Duration wait, PrintStream progress)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Topics topics = connection.topics();
    TopicReader reader = new TopicReader(connection);
    List<TextChunk> texts = corpus(PublishedCorpora.read(connection), corpusId);
    String corpus = texts.get(0).getCorpusId();
    ExportCoverage coverage = new ExportWaiter(connection, progress, Clock.systemUTC()).await(corpus, wait);
    List<String> textIds = texts.stream().map(TextChunk::getTextId).toList();
    MapCsvWriter.writeTexts(dir.resolve("texts.csv"), texts);

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
    MapCsvWriter.writeMatrix(dir.resolve("L.csv"), textIds, l);

    Map<String, ModelCoordinates> coordinates = new TreeMap<>();
    reader.latestByKey(topics.modelCoordinates()).forEach((k, v) -> {
      if (v.getCorpusId().equals(corpus)) {
        coordinates.put(k, v);
      }
    });
    CoordinateFrame frame = reader.latestByKey(topics.coordinateFrame()).get(corpus);
    MapCsvWriter.writeMatrix(dir.resolve("Q.csv"), textIds, qRows(coordinates, frame));
    TreeSet<String> models = new TreeSet<>(l.keySet());
    Map<String, ModelRegistered> registered = reader.latestByKey(topics.modelRegistered());
    registered.values().stream()
        .filter(m -> m.getCorpusId().equals(corpus)).map(ModelRegistered::getModelId).forEach(models::add);
    MapCsvWriter.writeModels(dir.resolve("models.csv"), models, coordinates, registered);
    Map<String, NeighborList> neighbors = new TreeMap<>(reader.latestByKey(topics.modelNeighbors()));
    MapCsvWriter.writeNeighbors(dir.resolve("neighbors.csv"), neighbors.values(), corpus);
    PredictionCsvWriter.write(new TreeMap<>(reader.latestByKey(topics.scorePredictions())).values(),
        new TreeMap<>(reader.latestByKey(topics.predictionQuality())).values(), corpus, dir);
    AnalyticsCsvWriter.write(reader.latestByKey(topics.modelAnalytics()).get(corpus), frame, dir);
    MapCsvWriter.writeMap(dir.resolve("map.csv"), frame);
    return new Exported(corpus, coverage);
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
}
