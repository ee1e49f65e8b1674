package io.modelmap.cli.runtime;

import io.modelmap.cli.runtime.LocalPipeline.LocalModel;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.TopicReader;
import io.modelmap.schemas.avro.NeighborEntry;
import io.modelmap.schemas.avro.NeighborList;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the demo zoo's map shows, in a few lines, from the published neighbour lists: copies and
 * rounded copies next to their original, fine-tunes and merges by their base, and bases apart. Each
 * line states what was measured, so a surprising map reads as such.
 */
public final class ZooSummary {
  private final List<LocalModel> models;
  private final Map<String, Map<String, Double>> bitsPerByte; // model → other → KL bits per byte

  private ZooSummary(List<LocalModel> models, Map<String, Map<String, Double>> bitsPerByte) {
    this.models = models;
    this.bitsPerByte = bitsPerByte;
  }

  public static ZooSummary read(KafkaConnection connection, List<LocalModel> models) {
    Map<String, Map<String, Double>> kl = new HashMap<>();
    for (NeighborList list : new TopicReader(connection).latestByKey(connection.topics().modelNeighbors()).values()) {
      Map<String, Double> row = kl.computeIfAbsent(list.getModelId(), m -> new HashMap<>());
      for (NeighborEntry n : list.getNeighbors()) {
        row.put(n.getModelId(), n.getKlBitsPerByte());
      }
    }
    return new ZooSummary(models, kl);
  }

  public void print(PrintStream out) {
    out.println();
    out.println("What the map shows (KL in bits per byte):");
    for (LocalModel m : models) {
      if (m.type().equals("base")) {
        continue;
      }
      Optional<LocalModel> base = models.stream()
          .filter(b -> b.type().equals("base") && b.family().equals(m.family())).findFirst();
      Optional<Map.Entry<String, Double>> nearest = nearest(m.id());
      if (base.isEmpty() || nearest.isEmpty()) {
        continue;
      }
      boolean byBase = nearestAmong(m.id(), "base").map(b -> b.equals(base.get().id())).orElse(false);
      out.printf("  %-34s %-10s nearest %s (%.2e); %s its base %s (%.2e)%n", m.id(), m.type(), nearest.get().getKey(),
          nearest.get().getValue(), byBase ? "of the bases, nearest" : "NOT nearest", base.get().id(),
          kl(m.id(), base.get().id()).orElse(Double.NaN));
    }
    List<LocalModel> bases = models.stream().filter(b -> b.type().equals("base")).toList();
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < bases.size(); i++) {
      for (int j = i + 1; j < bases.size(); j++) {
        String a = bases.get(i).id();
        String b = bases.get(j).id();
        kl(a, b).ifPresent(v -> pairs.add(String.format("%s–%s %.3f", shortName(a), shortName(b), v)));
      }
    }
    out.println("  between bases: " + String.join(", ", pairs));
  }

  private static String shortName(String id) {
    return id.substring(id.indexOf('/') + 1);
  }

  private Optional<Double> kl(String a, String b) {
    return Optional.ofNullable(bitsPerByte.getOrDefault(a, Map.of()).get(b));
  }

  private Optional<Map.Entry<String, Double>> nearest(String model) {
    return bitsPerByte.getOrDefault(model, Map.of()).entrySet().stream().min(Map.Entry.comparingByValue());
  }

  private Optional<String> nearestAmong(String model, String type) {
    return models.stream().filter(o -> o.type().equals(type) && !o.id().equals(model))
        .filter(o -> kl(model, o.id()).isPresent()).min((x, y) -> Double.compare(kl(model, x.id()).get(),
            kl(model, y.id()).get())).map(LocalModel::id);
  }
}
