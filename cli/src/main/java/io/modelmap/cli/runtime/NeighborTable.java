package io.modelmap.cli.runtime;

import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.TopicReader;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.NeighborEntry;
import io.modelmap.schemas.avro.NeighborList;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/** Prints every model's mean log-likelihood and nearest neighbours, read from the topics. */
public final class NeighborTable {
  private NeighborTable() {}

  public static void print(KafkaConnection connection, int perModel, PrintStream out) {
    TopicReader reader = new TopicReader(connection);
    Map<String, ModelCoordinates> coordinates = new TreeMap<>(reader.latestByKey(connection.topics().modelCoordinates()));
    Map<String, NeighborList> neighbors = reader.latestByKey(connection.topics().modelNeighbors());
    out.println();
    out.printf("%-28s %14s %8s   %-28s %14s %12s%n", "model", "mean loglik", "texts", "nearest neighbours",
        "KL nats/text", "KL bits/byte");
    for (ModelCoordinates c : coordinates.values()) {
      NeighborList list = neighbors.get(c.getModelId());
      String scored = c.getComplete() ? String.valueOf(c.getTextsScored()) : c.getTextsScored() + "*";
      out.printf("%-28s %14.3f %8s", c.getModelId(), c.getMeanLogLikelihood(), scored);
      if (list == null || list.getNeighbors().isEmpty()) {
        out.println("   (no other model yet)");
        continue;
      }
      for (int r = 0; r < Math.min(perModel, list.getNeighbors().size()); r++) {
        NeighborEntry n = list.getNeighbors().get(r);
        String lead = r == 0 ? "" : String.format("%-28s %14s %8s", "", "", "");
        out.printf("%s   %-28s %14.6f %12.3e%n", lead, n.getModelId(), n.getKlNats(), n.getKlBitsPerByte());
      }
    }
    if (coordinates.values().stream().anyMatch(c -> !c.getComplete())) {
      out.println("(* still being scored: provisional neighbours from the texts scored so far)");
    }
  }
}
