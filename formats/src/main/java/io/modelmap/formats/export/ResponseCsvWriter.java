package io.modelmap.formats.export;

import io.modelmap.formats.csv.CsvFiles;
import io.modelmap.math.responses.Lineage;
import io.modelmap.schemas.avro.ResponseSimilarity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the response view: {@code response-similarity.csv} (every pair that shares a prompt: mean ROUGE-1,
 * ROUGE-2, ROUGE-L F1, BLEU and METEOR) and
 * {@code lineage.csv} (each model's nearest by KL and by ROUGE-L, and the models in both; lists joined
 * by {@code ;}).
 */
public final class ResponseCsvWriter {
  public static final List<String> SIMILARITY_HEADER = List.of("model_a", "model_b", "prompts", "rouge1_f", "rouge2_f",
      "rougeL_f", "bleu", "meteor");

  private ResponseCsvWriter() {}

  /** One row per pair, in the order given. */
  public static void writeSimilarity(Path file, Collection<ResponseSimilarity> pairs) throws IOException {
    try (CSVPrinter csv = CsvFiles.writer(file, SIMILARITY_HEADER)) {
      for (ResponseSimilarity p : pairs) {
        csv.printRecord(p.getModelA(), p.getModelB(), p.getPrompts(), CsvFiles.number(p.getRouge1F()),
            CsvFiles.number(p.getRouge2F()), CsvFiles.number(p.getRougeLF()), CsvFiles.number(p.getBleu()),
            meteor(p.getMeteor()));
      }
    }
  }

  /** The mean METEOR, or an empty cell for a pair whose record has none (written before METEOR was added). */
  public static String meteor(Double mean) {
    return mean == null || mean.isNaN() ? "" : CsvFiles.number(mean);
  }

  /** {@code model_id,kl_neighbors,response_neighbors,agreeing}, one row per entry. */
  public static void writeLineage(Path file, List<Lineage.Entry> lineage) throws IOException {
    try (CSVPrinter csv = CsvFiles.writer(file, List.of("model_id", "kl_neighbors", "response_neighbors", "agreeing"))) {
      for (Lineage.Entry e : lineage) {
        csv.printRecord(e.model(), String.join(";", e.byKl()), String.join(";", e.byResponses()),
            String.join(";", e.agreeing()));
      }
    }
  }
}
