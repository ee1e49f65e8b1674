package io.modelmap.aggregator.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.aggregator.embedding.EmbeddingSettings;
import io.modelmap.aggregator.prediction.PredictionSettings;
import io.modelmap.schemas.avro.McAnswer;
import io.modelmap.schemas.avro.McItem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The embedding tests' real data: 29 models' answers to 400 MMLU-Pro questions (the business category), from the
 * test resources {@code /data/mmlu-pro-400/}, as the topology receives them.
 */
final class MmluPro400 {
  static final String BENCHMARK = "mmlu-pro";
  private static final String DATA = "/data/mmlu-pro-400/";

  private MmluPro400() {
  }

  /** The answers table: its header (question_id, category, n_choices, gold_index, then one column per model). */
  record Answers(List<String> header, Map<String, List<McAnswer>> byModel) {
    /** The models, in the table's column order. */
    List<String> models() {
      return header.subList(4, header.size());
    }
  }

  /** The first {@code limit} items, published under {@link #BENCHMARK}, with their gold index from the answers table. */
  static Map<String, McItem> items(int limit) {
    Map<String, Integer> gold = new HashMap<>();
    try (BufferedReader in = reader("answers.csv", false)) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] cells = line.split(",", -1);
        gold.put(cells[0], Integer.parseInt(cells[3]));
      }
      Map<String, McItem> items = new LinkedHashMap<>();
      ObjectMapper json = new ObjectMapper();
      try (BufferedReader lines = reader("items.jsonl.gz", true)) {
        for (String line = lines.readLine(); line != null && items.size() < limit; line = lines.readLine()) {
          JsonNode node = json.readTree(line);
          List<String> choices = new ArrayList<>();
          node.get("choices").forEach(c -> choices.add(c.asText()));
          String id = node.get("id").asText();
          items.put(id, McItem.newBuilder().setBenchmarkId(BENCHMARK).setItemId(id)
              .setQuestion(node.get("question").asText()).setChoices(choices).setGoldIndex(gold.get(id)).build());
        }
      }
      return items;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** All 400 items. */
  static Map<String, McItem> items() {
    return items(Integer.MAX_VALUE);
  }

  /** Each model's answers (empty cells: not answered). */
  static Answers answers() {
    try (BufferedReader in = reader("answers.csv", false)) {
      List<String> header = List.of(in.readLine().split(",", -1));
      Map<String, List<McAnswer>> answers = new LinkedHashMap<>();
      header.subList(4, header.size()).forEach(m -> answers.put(m, new ArrayList<>()));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] cells = line.split(",", -1);
        for (int c = 4; c < cells.length; c++) {
          if (!cells[c].isEmpty()) {
            answers.get(header.get(c)).add(McAnswer.newBuilder().setItemId(cells[0])
                .setChosenIndex(Integer.parseInt(cells[c])).build());
          }
        }
      }
      return new Answers(header, answers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text the encoder reads: the question, then each choice on its own line (as the aggregator builds it). */
  static String text(McItem item) {
    StringBuilder text = new StringBuilder(item.getQuestion());
    item.getChoices().forEach(c -> text.append('\n').append(c));
    return text.toString();
  }

  /** A harness whose embeddings run with {@code settings}, everything else of prediction at its defaults. */
  static AggregatorHarness harness(EmbeddingSettings settings) throws Exception {
    PredictionSettings d = PredictionSettings.defaults();
    return new AggregatorHarness(config -> config.optPrediction(new PredictionSettings(
        d.minObserved(), d.folds(), d.grouping(), d.analyticsInterval(), d.collaborative(), settings)));
  }

  private static BufferedReader reader(String name, boolean gzip) throws IOException {
    var in = MmluPro400.class.getResourceAsStream(DATA + name);
    return new BufferedReader(new InputStreamReader(gzip ? new GZIPInputStream(in) : in, StandardCharsets.UTF_8));
  }
}
