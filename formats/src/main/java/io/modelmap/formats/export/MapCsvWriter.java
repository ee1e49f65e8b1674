package io.modelmap.formats.export;

import io.modelmap.formats.csv.CsvFiles;
import io.modelmap.schemas.avro.ModelCoordinates;
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
 * ({@code L.csv}, {@code Q.csv}), {@code models.csv} and {@code neighbors.csv}. What goes in is
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
}
