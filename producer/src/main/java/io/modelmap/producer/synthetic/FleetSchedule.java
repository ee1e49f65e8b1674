package io.modelmap.producer.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The order a fleet of workers produces score records in: models start one after another, a few
 * are in flight at once, and their task-sized chunks interleave at random, like a consumer group of
 * workers taking tasks from {@code score-tasks}.
 */
public final class FleetSchedule {
  /** One record to publish: a model's texts {@code [from, to)}; {@code last} marks its final chunk. */
  public record Chunk(int model, int from, int to, boolean last) {}

  private FleetSchedule() {}

  /** Chunks of models {@code [firstModel, endModel)}, at most {@code inFlight} models interleaved. */
  public static List<Chunk> interleaved(int firstModel, int endModel, int texts, int textsPerChunk, int inFlight,
      long seed) {
    Random random = new Random(seed);
    List<Chunk> order = new ArrayList<>();
    List<int[]> active = new ArrayList<>(); // {model, next from}
    int nextModel = firstModel;
    while (nextModel < endModel || !active.isEmpty()) {
      while (active.size() < inFlight && nextModel < endModel) {
        active.add(new int[] {nextModel++, 0});
      }
      int pick = random.nextInt(active.size());
      int[] model = active.get(pick);
      int to = Math.min(texts, model[1] + textsPerChunk);
      order.add(new Chunk(model[0], model[1], to, to == texts));
      model[1] = to;
      if (to == texts) {
        active.remove(pick);
      }
    }
    return order;
  }
}
