package io.modelmap.aggregator.matrix;

import io.modelmap.aggregator.support.StoreBytes;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.ShardExchange;
import io.modelmap.schemas.avro.ShardExchangeKind;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The coordinate frame of a corpus spread over shards (records keyed by corpus id): each shard sends its
 * running sum of complete ξ rows and their count (per task, which is per shard when each shard has its own
 * partition); the frame is K = Σ counts and ξ̄ = Σ sums / K. A task's contribution replaces its previous one
 * (it is cumulative and arrives in order from that task), so a contribution received twice changes nothing. Published without map positions: the
 * layout needs the K × K distances, which no task holds at S &gt; 1.
 */
public final class ShardFrameProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {
  private final MapMethod method;
  private final int shards;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, byte[]> contributions;

  /** Frames of corpora spread over {@code shards} shards, which they say, so readers know no positions come. */
  public ShardFrameProcessor(MapMethod method, int shards) {
    this.method = method;
    this.shards = shards;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.contributions = context.getStateStore(MatrixStores.SHARD_FRAMES);
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    if (!(record.value() instanceof ShardExchange frame) || frame.getKind() != ShardExchangeKind.FRAME) {
      throw new IllegalArgumentException("unexpected record " + record.value());
    }
    String corpus = frame.getCorpusId();
    contributions.put(MatrixStores.inCorpus(corpus, Integer.toString(frame.getFromShard())),
        new Contribution(frame.getCount(), frame.getMeanTextBytes(),
            frame.getValues().stream().mapToDouble(Double::doubleValue).toArray()).encode());
    int count = 0;
    double meanTextBytes = frame.getMeanTextBytes();
    double[] sums = null;
    try (KeyValueIterator<String, byte[]> shards = contributions.range(corpus + '\0', corpus + '\1')) {
      while (shards.hasNext()) {
        KeyValue<String, byte[]> entry = shards.next();
        Contribution c = Contribution.parse(entry.value);
        count += c.count();
        sums = sums == null ? c.sums().clone() : add(sums, c.sums());
      }
    }
    List<Double> means = new ArrayList<>(sums.length);
    for (double sum : sums) {
      means.add(sum / count);
    }
    context.forward(new Record<>(corpus, CoordinateFrame.newBuilder().setCorpusId(corpus).setVersion(count)
        .setModelCount(count).setColumnMeans(means).setMeanTextBytes(meanTextBytes).setClippingFloor(null)
        .setMapMethod(method.label()).setPositions(List.of()).setShards(shards).build(), record.timestamp()));
  }

  private static double[] add(double[] into, double[] more) {
    for (int s = 0; s < into.length; s++) {
      into[s] += more[s];
    }
    return into;
  }

  /** One shard's part of a frame: its complete models' count, the corpus's mean text bytes, Σ ξ rows. */
  record Contribution(int count, double meanTextBytes, double[] sums) {
    byte[] encode() {
      ByteBuffer buffer = ByteBuffer.allocate(Integer.BYTES + Double.BYTES * (1 + sums.length))
          .putInt(count).putDouble(meanTextBytes);
      for (double sum : sums) {
        buffer.putDouble(sum);
      }
      return buffer.array();
    }

    static Contribution parse(byte[] stored) {
      ByteBuffer b = StoreBytes.reader(stored, Integer.BYTES + Double.BYTES, "shard frame contribution");
      int count = b.getInt();
      double meanTextBytes = b.getDouble();
      byte[] rest = new byte[b.remaining()];
      b.get(rest);
      return new Contribution(count, meanTextBytes, StoreBytes.doubles(rest, "shard frame sums"));
    }
  }
}
