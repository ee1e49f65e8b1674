package io.modelmap.scorer.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelmap.scorer.model.HalfFloats;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes tensors as a safetensors file (an 8-byte little-endian header length, the JSON header, the
 * data), in F32 or rounded to F16.
 */
public final class SafetensorsWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, float[]> values = new LinkedHashMap<>();
  private final Map<String, long[]> shapes = new LinkedHashMap<>();

  public SafetensorsWriter put(String name, long[] shape, float[] data) {
    long size = 1;
    for (long d : shape) {
      size *= d;
    }
    if (size != data.length) {
      throw new IllegalArgumentException(name + ": shape holds " + size + " values, data " + data.length);
    }
    values.put(name, data);
    shapes.put(name, shape);
    return this;
  }

  public void write(Path file) throws IOException {
    write(file, false);
  }

  /** With {@code half}, every value rounded to the nearest binary16 and stored as F16. */
  public void write(Path file, boolean half) throws IOException {
    int width = half ? 2 : 4;
    ObjectNode header = JSON.createObjectNode();
    long offset = 0;
    for (Map.Entry<String, float[]> t : values.entrySet()) {
      ObjectNode entry = header.putObject(t.getKey()).put("dtype", half ? "F16" : "F32");
      for (long dim : shapes.get(t.getKey())) {
        entry.withArray("shape").add(dim);
      }
      entry.putArray("data_offsets").add(offset).add(offset + (long) width * t.getValue().length);
      offset += (long) width * t.getValue().length;
    }
    byte[] headerBytes = header.toString().getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length).array());
      out.write(headerBytes);
      for (float[] data : values.values()) {
        ByteBuffer buffer = ByteBuffer.allocate(width * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
          if (half) {
            buffer.putShort(HalfFloats.toHalf(v));
          } else {
            buffer.putFloat(v);
          }
        }
        out.write(buffer.array());
      }
    }
  }
}
