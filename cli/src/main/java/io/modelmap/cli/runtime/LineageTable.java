package io.modelmap.cli.runtime;

import io.modelmap.math.responses.Lineage;
import io.modelmap.math.responses.ResponseSimilarity.ModelPair;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.TopicReader;
import io.modelmap.schemas.avro.NeighborEntry;
import io.modelmap.schemas.avro.NeighborList;
import io.modelmap.schemas.avro.ResponseSimilarity;
import io.modelmap.cli.terminal.TextTable;
import io.modelmap.cli.terminal.TextTable.Column;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Each model's nearest by KL and by responses, and the models in both, read from the topics. */
public final class LineageTable {
  private LineageTable() {}

  /** Lineage over the latest model-neighbors and response-similarity records. */
  public static List<Lineage.Entry> read(KafkaConnection connection, int k) {
    TopicReader reader = new TopicReader(connection);
    Map<ModelPair, Double> rougeL = new HashMap<>();
    for (ResponseSimilarity p : reader.latestByKey(connection.topics().responseSimilarity()).values()) {
      rougeL.put(ModelPair.of(p.getModelA().toString(), p.getModelB().toString()), p.getRougeLF());
    }
    Map<String, List<String>> byKl = new HashMap<>();
    for (NeighborList list : reader.latestByKey(connection.topics().modelNeighbors()).values()) {
      byKl.put(list.getModelId().toString(), list.getNeighbors().stream().map(NeighborEntry::getModelId)
          .map(CharSequence::toString).toList());
    }
    return Lineage.of(byKl, rougeL, k);
  }

  public static void print(KafkaConnection connection, int k, PrintStream out) {
    out.println();
    TextTable table = TextTable.of(Column.left("model"), Column.left("nearest by KL").capped(80),
        Column.left("nearest by responses (ROUGE-L); * in both").capped(80));
    for (Lineage.Entry e : read(connection, k)) {
      table.row(e.model(), String.join(", ", e.byKl()), String.join(", ", e.byResponses().stream()
          .map(m -> e.agreeing().contains(m) ? m + "*" : m).toList()));
    }
    table.print(out);
  }
}
