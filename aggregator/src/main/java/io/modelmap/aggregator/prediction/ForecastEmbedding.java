package io.modelmap.aggregator.prediction;

import io.modelmap.schemas.avro.ModelEmbedding;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the embedding forecast keeps of a model's {@code model-embeddings} record: its vector, the benchmarks
 * whose answers that vector was fitted on, and its vectors from the trainings that each left one benchmark's
 * answers out. The forecast of a benchmark never reads a vector fitted on that benchmark's answers.
 */
record ForecastEmbedding(double[] vector, Set<String> benchmarks, Map<String, double[]> withoutBenchmark) {
  /** Marks the layout with benchmarks (a NaN no embedding holds); a value without it is an older bare vector. */
  private static final long LAYOUT = 0x7FF8_4C4F_424F_0001L;

  ForecastEmbedding {
    benchmarks = Set.copyOf(benchmarks);
    withoutBenchmark = Map.copyOf(withoutBenchmark);
  }

  static ForecastEmbedding of(ModelEmbedding record) {
    Set<String> benchmarks = new TreeSet<>();
    record.getBenchmarks().forEach(b -> benchmarks.add(b.toString()));
    Map<String, double[]> without = new TreeMap<>();
    record.getWithoutBenchmark().forEach((b, v) -> without.put(b.toString(), unboxed(v)));
    return new ForecastEmbedding(unboxed(record.getVector()), benchmarks, without);
  }

  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(LAYOUT);
      write(out, vector);
      out.writeInt(benchmarks.size());
      for (String b : new TreeSet<>(benchmarks)) {
        out.writeUTF(b);
      }
      out.writeInt(withoutBenchmark.size());
      for (Map.Entry<String, double[]> e : new TreeMap<>(withoutBenchmark).entrySet()) {
        out.writeUTF(e.getKey());
        write(out, e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
    return bytes.toByteArray();
  }

  /**
   * Reads {@link #toBytes}; a bare vector (stored before the benchmarks were kept) reads as fitted on no known
   * benchmark, until the embeddings' next training republishes it.
   */
  static ForecastEmbedding fromBytes(byte[] stored) {
    if (stored.length < Long.BYTES || ByteBuffer.wrap(stored).getLong() != LAYOUT) {
      return new ForecastEmbedding(PredictionStores.embedding(stored), Set.of(), Map.of());
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
      in.readLong();
      double[] vector = read(in);
      Set<String> benchmarks = new TreeSet<>();
      for (int i = in.readInt(); i > 0; i--) {
        benchmarks.add(in.readUTF());
      }
      Map<String, double[]> without = new TreeMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        without.put(in.readUTF(), read(in));
      }
      if (in.available() > 0) {
        throw new IllegalStateException("the stored embedding is unreadable: " + in.available() + " bytes left over");
      }
      return new ForecastEmbedding(vector, benchmarks, without);
    } catch (IOException e) {
      throw new IllegalStateException("the stored embedding is unreadable (" + stored.length + " bytes): "
          + e.getMessage(), e);
    }
  }

  private static void write(DataOutputStream out, double[] values) throws IOException {
    out.writeInt(values.length);
    for (double v : values) {
      out.writeDouble(v);
    }
  }

  private static double[] read(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available() / Double.BYTES) {
      throw new IOException("a vector of " + length + " doubles does not fit");
    }
    double[] values = new double[length];
    for (int i = 0; i < length; i++) {
      values[i] = in.readDouble();
    }
    return values;
  }

  private static double[] unboxed(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
