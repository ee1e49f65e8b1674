package io.modelmap.aggregator.matrix;

import io.modelmap.aggregator.support.StoreBytes;
import io.modelmap.math.Neighbor;
import io.modelmap.math.NeighborRanking;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The neighbour lists of one shard's complete models of one corpus, when a corpus is spread over S shards.
 * A list grows two ways: by offers (another model's row reached this shard, which computed its distance to
 * each of its own complete models) and by replies (each shard's best k for a model of this shard, once
 * that model's row reached it). Both insert by model id ({@link NeighborRanking#offer}), so a row or a
 * reply received twice changes nothing; a list is final once all S shards have replied.
 */
final class ShardNeighborLists {
  private final int shards;
  private final int neighborCount;
  private final Map<String, List<Neighbor>> lists = new HashMap<>();
  private final Map<String, BitSet> replied = new HashMap<>();

  ShardNeighborLists(int shards, int neighborCount) {
    this.shards = shards;
    this.neighborCount = neighborCount;
  }

  /**
   * A row arrived: offers it into the list of each of this shard's models it was compared with (itself
   * excluded). Returns the models whose list changed.
   */
  List<String> offer(String arrived, Map<String, Double> klByOwnModel, int overlap) {
    List<String> changed = new ArrayList<>();
    klByOwnModel.forEach((own, kl) -> {
      if (own.equals(arrived)) {
        return;
      }
      List<Neighbor> current = list(own);
      List<Neighbor> next = NeighborRanking.offer(current, new Neighbor(arrived, kl, overlap), neighborCount);
      if (next != current) {
        lists.put(own, next);
        changed.add(own);
      }
    });
    return changed;
  }

  /** This shard's best k for a model whose row arrived: its own models nearest to it (itself excluded). */
  List<Neighbor> best(String arrived, Map<String, Double> klByOwnModel, int overlap) {
    List<Neighbor> all = new ArrayList<>(klByOwnModel.size());
    klByOwnModel.forEach((own, kl) -> {
      if (!own.equals(arrived)) {
        all.add(new Neighbor(own, kl, overlap));
      }
    });
    return NeighborRanking.topK(all, neighborCount);
  }

  /** Merges {@code fromShard}'s best k into the list of this shard's {@code model}. */
  void merge(String model, int fromShard, List<Neighbor> candidates) {
    List<Neighbor> list = list(model);
    for (Neighbor candidate : candidates) {
      if (!candidate.modelId().equals(model)) {
        list = NeighborRanking.offer(list, candidate, neighborCount);
      }
    }
    lists.put(model, list);
    replied.computeIfAbsent(model, m -> new BitSet(shards)).set(fromShard);
  }

  /** Whether every shard has replied for {@code model}: its list holds its k nearest among all models seen. */
  boolean isFinal(String model) {
    BitSet from = replied.get(model);
    return from != null && from.cardinality() == shards;
  }

  List<Neighbor> list(String model) {
    return lists.getOrDefault(model, List.of());
  }

  /** The stored form of a model's list: the replied shards (bitset) then (id, KL, overlap) per entry. */
  byte[] encode(String model) {
    byte[] from = replied.getOrDefault(model, new BitSet()).toByteArray();
    List<byte[]> ids = new ArrayList<>();
    int size = Integer.BYTES + from.length + Integer.BYTES;
    for (Neighbor n : list(model)) {
      byte[] id = n.modelId().getBytes(StandardCharsets.UTF_8);
      ids.add(id);
      size += Integer.BYTES + id.length + Double.BYTES + Integer.BYTES;
    }
    ByteBuffer buffer = ByteBuffer.allocate(size).putInt(from.length).put(from).putInt(ids.size());
    List<Neighbor> entries = list(model);
    for (int i = 0; i < entries.size(); i++) {
      buffer.putInt(ids.get(i).length).put(ids.get(i)).putDouble(entries.get(i).klNats()).putInt(entries.get(i).overlap());
    }
    return buffer.array();
  }

  /** Reads back what {@link #encode} stored for {@code model}. */
  void restore(String model, byte[] stored) {
    ByteBuffer b = StoreBytes.reader(stored, 2 * Integer.BYTES, "shard neighbour list");
    try {
      byte[] from = new byte[b.getInt()];
      b.get(from);
      int count = b.getInt();
      List<Neighbor> entries = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        byte[] id = new byte[b.getInt()];
        b.get(id);
        entries.add(new Neighbor(new String(id, StandardCharsets.UTF_8), b.getDouble(), b.getInt()));
      }
      if (b.hasRemaining()) {
        throw StoreBytes.unreadable("shard neighbour list", b.remaining() + " bytes after the last entry");
      }
      lists.put(model, List.copyOf(entries));
      replied.put(model, BitSet.valueOf(from));
    } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
      throw StoreBytes.unreadable("shard neighbour list", "shorter than its counts say");
    }
  }
}
