package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@code .safetensors} file read by our own code: DJL's reader takes the whole file as one byte
 * array (under 2 GiB) and crashes the JVM on bf16. Tensors are memory-mapped one at a time and
 * widened to float32 (f16 and bf16 included).
 */
public final class SafetensorsFile implements TensorFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final long dataStart;
  private final Map<String, JsonNode> entries = new LinkedHashMap<>();

  private SafetensorsFile(Path file, long dataStart, JsonNode header) {
    this.file = file;
    this.dataStart = dataStart;
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals("__metadata__")) {
        entries.put(e.getKey(), e.getValue());
      }
    }
  }

  public static SafetensorsFile open(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer size = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      channel.read(size, 0);
      long headerLength = size.flip().getLong();
      if (headerLength <= 0 || headerLength > 100_000_000 || headerLength + 8 > channel.size()) {
        throw new IOException(file + " is not a safetensors file (header length " + headerLength + ")");
      }
      ByteBuffer header = ByteBuffer.allocate((int) headerLength);
      channel.read(header, 8);
      JsonNode parsed = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8));
      long described = 0;
      for (JsonNode entry : parsed) {
        described = Math.max(described, entry.path("data_offsets").path(1).asLong(0));
      }
      long held = channel.size() - 8 - headerLength;
      if (described > held) { // an interrupted copy or download: fail at open, not at the first tensor
        throw new IOException(file + " is truncated: its header describes " + described + " bytes of tensors, the file"
            + " holds " + held + "; copy or download it again");
      }
      return new SafetensorsFile(file, 8 + headerLength, parsed);
    }
  }

  @Override
  public Set<String> names() {
    return entries.keySet();
  }

  @Override
  public long[] shape(String name) throws IOException {
    JsonNode dims = entry(name).get("shape");
    long[] shape = new long[dims.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = dims.get(i).asLong();
    }
    return shape;
  }

  /** The tensor as a float32 NDArray owned by {@code manager}. */
  @Override
  public NDArray load(String name, NDManager manager) throws IOException {
    JsonNode entry = entry(name);
    long[] shape = shape(name);
    long begin = entry.get("data_offsets").get(0).asLong();
    long end = entry.get("data_offsets").get(1).asLong();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + begin, end - begin)
          .order(ByteOrder.LITTLE_ENDIAN);
      return manager.create(toFloats(entry.get("dtype").asText(), bytes, name), new Shape(shape));
    }
  }

  private JsonNode entry(String name) throws IOException {
    JsonNode entry = entries.get(name);
    if (entry == null) {
      throw new IOException(file + " has no tensor " + name);
    }
    return entry;
  }

  private float[] toFloats(String dtype, ByteBuffer bytes, String name) throws IOException {
    switch (dtype) {
      case "F32" -> {
        FloatBuffer floats = bytes.asFloatBuffer();
        float[] out = new float[floats.remaining()];
        floats.get(out);
        return out;
      }
      case "F16" -> {
        float[] out = new float[bytes.remaining() / 2];
        for (int i = 0; i < out.length; i++) {
          out[i] = HalfFloats.fromHalf(bytes.getShort(2 * i));
        }
        return out;
      }
      case "BF16" -> {
        float[] out = new float[bytes.remaining() / 2];
        for (int i = 0; i < out.length; i++) {
          out[i] = Float.intBitsToFloat((bytes.getShort(2 * i) & 0xFFFF) << 16);
        }
        return out;
      }
      default -> throw new IOException(file + ": tensor " + name + " has dtype " + dtype
          + "; supported are F32, F16 and BF16");
    }
  }
}
