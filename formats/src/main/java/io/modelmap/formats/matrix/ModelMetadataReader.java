package io.modelmap.formats.matrix;

import io.modelmap.formats.FilePosition;
import io.modelmap.formats.csv.CsvFiles;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.key.Ids;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads {@code models.csv}: {@code model_id,family,type,parameters}, then any further columns as labels
 * (for example {@code finetuning,context_window}), one row per model, for models imported without a
 * checkpoint. Family and type group cross-validation folds; they, the parameters and the labels are the
 * design factors of collaborative prediction. Parameters may be a count or {@code 160M}, {@code 1.5B}.
 * A mistake refuses the file with its line and field.
 */
public final class ModelMetadataReader {
  private static final List<String> HEADER = List.of("model_id", "family", "type", "parameters");

  private ModelMetadataReader() {}

  /** What is known of one model; null where the cell is empty, labels only for non-empty cells. */
  public record ModelMetadata(String family, String type, Long parameters, Map<String, String> labels) {
    static final ModelMetadata NONE = new ModelMetadata(null, null, null, Map.of());

    /** A registration of an imported model (never scored by a worker) with what is known of it. */
    public ModelRegistered registration(String modelId, String sourceUri, String corpusId, long nowMs) {
      return ModelRegistered.newBuilder().setModelId(modelId).setSourceUri(sourceUri).setCorpusId(corpusId)
          .setFamily(family).setModelType(type == null ? "imported" : type).setParameterCount(parameters)
          .setLabels(Map.copyOf(labels)).setRegisteredAtMs(nowMs).build();
    }
  }

  /** What {@code metadata} knows of {@code model}, or nothing. */
  public static ModelMetadata of(Map<String, ModelMetadata> metadata, String model) {
    return metadata.getOrDefault(model, ModelMetadata.NONE);
  }

  public static Map<String, ModelMetadata> read(Path file) throws IOException {
    String name = file.getFileName().toString();
    List<String> header = CsvFiles.header(file);
    if (header.size() < HEADER.size() || !header.subList(0, HEADER.size()).equals(HEADER)) {
      throw FilePosition.line(name, 1).refuse("the header must start " + String.join(",", HEADER)
          + " (further columns are labels)");
    }
    Map<String, ModelMetadata> models = new LinkedHashMap<>();
    for (CSVRecord r : CsvFiles.read(file)) {
      FilePosition at = FilePosition.line(name, r.getRecordNumber() + 1);
      if (r.size() != header.size()) {
        throw at.refuse(r.size() + " fields, the header has " + header.size());
      }
      CsvFiles.requireId(at.field("model_id"), Ids.Kind.MODEL, r.get(0));
      Map<String, String> labels = new LinkedHashMap<>();
      for (int c = HEADER.size(); c < header.size(); c++) {
        if (!r.get(c).isBlank()) {
          labels.put(header.get(c), r.get(c).trim());
        }
      }
      if (models.put(r.get(0), new ModelMetadata(blankToNull(r.get(1)), blankToNull(r.get(2)),
          parameters(at.field("parameters"), r.get(3).trim()), labels)) != null) {
        throw at.field("model_id").refuse(r.get(0) + " has a row already; give each model one row");
      }
    }
    return models;
  }

  private static Long parameters(FilePosition at, String cell) throws IOException {
    if (cell.isEmpty()) {
      return null;
    }
    String number = cell.toUpperCase(Locale.ROOT);
    double scale = switch (number.charAt(number.length() - 1)) {
      case 'K' -> 1e3;
      case 'M' -> 1e6;
      case 'B' -> 1e9;
      case 'T' -> 1e12;
      default -> 1;
    };
    try {
      double value = Double.parseDouble(scale == 1 ? number : number.substring(0, number.length() - 1));
      if (value > 0) {
        return Math.round(value * scale);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw at.refuse("'" + cell + "' is not a positive count such as 160M or 1.5B");
  }

  private static String blankToNull(String s) {
    return s.isBlank() ? null : s.trim();
  }
}
