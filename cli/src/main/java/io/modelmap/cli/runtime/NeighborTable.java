package io.modelmap.cli.runtime;

import io.modelmap.cli.terminal.TextTable.Column;
import io.modelmap.cli.terminal.TextTable;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.TopicReader;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.NeighborEntry;
import io.modelmap.schemas.avro.NeighborList;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Prints every model's mean log-likelihood and nearest neighbours, read from the topics. */
public final class NeighborTable {
  private NeighborTable() {}

  /** One row per neighbour: the model's own cells on its first row only. */
  static TextTable table(Map<String, ModelCoordinates> coordinates, Map<String, NeighborList> neighbors, int perModel) {
    TextTable table = TextTable.of(Column.left("model"), Column.right("mean loglik"), Column.right("texts"),
        Column.left("nearest neighbours"), Column.right("KL nats/text"), Column.right("KL bits/byte"));
    for (ModelCoordinates c : new TreeMap<>(coordinates).values()) {
      NeighborList list = neighbors.get(c.getModelId().toString());
      String scored = c.getComplete() ? String.valueOf(c.getTextsScored()) : c.getTextsScored() + "*";
      String model = c.getModelId().toString();
      String mean = String.format(Locale.ROOT, "%.3f", c.getMeanLogLikelihood());
      if (list == null || list.getNeighbors().isEmpty()) {
        table.row(model, mean, scored, "(no other model yet)");
        continue;
      }
      for (int r = 0; r < Math.min(perModel, list.getNeighbors().size()); r++) {
        NeighborEntry n = list.getNeighbors().get(r);
        table.row(r == 0 ? model : "", r == 0 ? mean : "", r == 0 ? scored : "", n.getModelId(),
            String.format(Locale.ROOT, "%.6f", n.getKlNats()), String.format(Locale.ROOT, "%.3e", n.getKlBitsPerByte()));
      }
    }
    return table;
  }

  public static void print(KafkaConnection connection, int perModel, PrintStream out) {
    TopicReader reader = new TopicReader(connection);
    Map<String, ModelCoordinates> coordinates = new TreeMap<>(reader.latestByKey(connection.topics().modelCoordinates()));
    Map<String, NeighborList> neighbors = reader.latestByKey(connection.topics().modelNeighbors());
    out.println();
    table(coordinates, neighbors, perModel).print(out);
    if (coordinates.values().stream().anyMatch(c -> !c.getComplete())) {
      out.println("(* still being scored: provisional neighbours from the texts scored so far)");
    }
  }
}
