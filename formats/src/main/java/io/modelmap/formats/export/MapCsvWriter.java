package io.modelmap.formats.export;

import io.modelmap.formats.csv.CsvFiles;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelPosition;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.NeighborEntry;
import io.modelmap.schemas.avro.NeighborList;
import io.modelmap.schemas.avro.TextChunk;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the map's own files of an exported corpus: {@code texts.csv}, a model × text matrix
 * ({@code L.csv}, {@code Q.csv}), {@code models.csv}, {@code neighbors.csv} and the 2-D map ({@code map.csv}). What goes in is
 * decided by the caller (read from the topics); this class only lays it out.
 */
public final class MapCsvWriter {
  private MapCsvWriter() {}

  /** {@code text_id,category,bytes}, one row per text in the order given (its index order). */
  public static void writeTexts(Path file, List<TextChunk> texts) throws IOException {
    try (CSVPrinter csv = CsvFiles.writer(file, List.of("text_id", "category", "bytes"))) {
      for (TextChunk t : texts) {
        csv.printRecord(t.getTextId(), t.getCategory(), t.getByteLength());
      }
    }
  }

  /** {@code model_id,<text_id>...}, one row per model in the map's order; a null value is an empty cell. */
  public static void writeMatrix(Path file, List<String> textIds, Map<String, Double[]> rows) throws IOException {
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

  /**
   * {@code model_id,mean_loglik,texts_scored,complete,source_uri,revision}, one row per model; a model without
   * coordinates (registered, nothing scored yet) has an empty mean, 0 texts and {@code false}; source_uri and
   * revision say which weights were scored (an hf:// source's commit), empty for a model never registered.
   */
  public static void writeModels(Path file, SortedSet<String> models, Map<String, ModelCoordinates> coordinates,
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

  /** {@code model_id,rank,neighbor_id,kl_nats,kl_bpb,overlap}: the lists of {@code corpus}, rank from 1. */
  public static void writeNeighbors(Path file, Collection<NeighborList> neighbors, String corpus) throws IOException {
    try (CSVPrinter csv = CsvFiles.writer(file,
        List.of("model_id", "rank", "neighbor_id", "kl_nats", "kl_bpb", "overlap"))) {
      for (NeighborList list : neighbors) {
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

  /** The header of {@code map.csv}: a point per row, the frame's metadata repeated on each. */
  public static final List<String> MAP_HEADER = List.of("model_id", "x", "y", "primary_category", "corpus_id",
      "frame_version", "model_count", "map_method", "mean_text_bytes");

  /**
   * {@code map.csv}: every position of {@code frame} in the frame's order (the order of {@code /api/map}), with
   * the frame's metadata repeated on each row so that {@code pandas.read_csv} reads it in one call. A coordinate
   * that is not finite is written as 0, as {@code /api/map} serves it; without a frame, only the header.
   */
  public static void writeMap(Path file, CoordinateFrame frame) throws IOException {
    try (CSVPrinter csv = CsvFiles.writer(file, MAP_HEADER)) {
      if (frame == null) {
        return;
      }
      for (ModelPosition p : frame.getPositions()) {
        csv.printRecord(p.getModelId(), CsvFiles.number(finiteOrZero(p.getX())), CsvFiles.number(finiteOrZero(p.getY())),
            p.getPrimaryCategory() == null ? "" : p.getPrimaryCategory(), frame.getCorpusId(), frame.getVersion(),
            frame.getModelCount(), frame.getMapMethod(), CsvFiles.number(frame.getMeanTextBytes()));
      }
    }
  }

  private static double finiteOrZero(double value) {
    return Double.isFinite(value) ? value : 0.0;
  }
}
