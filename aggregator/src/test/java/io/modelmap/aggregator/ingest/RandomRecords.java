package io.modelmap.aggregator.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Records of any schema, for properties over every topic: random valid values (ids printable, numbers
 * finite) in the Confluent wire format, and length bombs (valid framing and schema id, then the least
 * valid fields up to the first array or map, which claims 2,147,483,639 entries; a string or bytes
 * when the schema has no collection).
 */
final class RandomRecords {
  static final long CLAIM = 2_147_483_639L;

  private RandomRecords() {}

  /** A random valid value of {@code schema}, framed with {@code schemaId}. */
  static byte[] framed(int schemaId, Schema schema, Random r) {
    ByteArrayOutputStream out = header(schemaId);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      new GenericDatumWriter<Object>(schema).write(value(schema, r, 0), encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Object value(Schema s, Random r, int depth) {
    return switch (s.getType()) {
      case RECORD -> {
        GenericData.Record record = new GenericData.Record(s);
        s.getFields().forEach(f -> record.put(f.pos(), value(f.schema(), r, depth + 1)));
        yield record;
      }
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (int i = 0, n = depth > 3 ? 0 : r.nextInt(4); i < n; i++) {
          items.add(value(s.getElementType(), r, depth + 1));
        }
        yield new GenericData.Array<>(s, items);
      }
      case MAP -> {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0, n = depth > 3 ? 0 : r.nextInt(3); i < n; i++) {
          map.put("k" + i, value(s.getValueType(), r, depth + 1));
        }
        yield map;
      }
      case UNION -> value(s.getTypes().get(r.nextInt(s.getTypes().size())), r, depth);
      case STRING -> List.of("acme/m", "meta-llama/Llama-3.2-1B", "t 1, \"q\"", "ünïcode", "x").get(r.nextInt(5))
          + r.nextInt(1000);
      case BYTES -> {
        byte[] bytes = new byte[r.nextInt(9)];
        r.nextBytes(bytes);
        yield ByteBuffer.wrap(bytes);
      }
      case INT -> r.nextInt(1000) - 10;
      case LONG -> (long) r.nextInt(1_000_000);
      case FLOAT -> r.nextFloat();
      case DOUBLE -> -100 * r.nextDouble();
      case BOOLEAN -> r.nextBoolean();
      case ENUM -> new GenericData.EnumSymbol(s, s.getEnumSymbols().get(r.nextInt(s.getEnumSymbols().size())));
      case FIXED -> {
        byte[] bytes = new byte[s.getFixedSize()];
        r.nextBytes(bytes);
        yield new GenericData.Fixed(s, bytes);
      }
      case NULL -> null;
    };
  }

  /** A length bomb of {@code schema} framed with {@code schemaId}. */
  static byte[] lengthBomb(int schemaId, Schema schema) {
    for (boolean collection : new boolean[] {true, false}) {
      ByteArrayOutputStream out = header(schemaId);
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      try {
        if (bomb(schema, encoder, collection)) {
          encoder.flush();
          return out.toByteArray();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalArgumentException("nothing in " + schema.getFullName() + " has a length to claim");
  }

  private static boolean bomb(Schema s, BinaryEncoder out, boolean collection) throws IOException {
    switch (s.getType()) {
      case RECORD -> {
        for (Schema.Field f : s.getFields()) {
          if (bomb(f.schema(), out, collection)) {
            return true;
          }
        }
        return false;
      }
      case ARRAY, MAP -> {
        out.writeLong(collection ? CLAIM : 0);
        return collection;
      }
      case STRING, BYTES -> {
        out.writeLong(collection ? 0 : CLAIM);
        return !collection;
      }
      case UNION -> {
        int chosen = 0;
        for (int i = 0; i < s.getTypes().size(); i++) {
          if (holds(s.getTypes().get(i), collection)) {
            chosen = i;
            break;
          }
          if (s.getTypes().get(i).getType() == Schema.Type.NULL) {
            chosen = i;
          }
        }
        out.writeIndex(chosen);
        return bomb(s.getTypes().get(chosen), out, collection);
      }
      case INT, LONG, ENUM -> out.writeLong(0);
      case BOOLEAN -> out.writeBoolean(false);
      case FLOAT -> out.writeFloat(0);
      case DOUBLE -> out.writeDouble(0);
      case FIXED -> out.writeFixed(new byte[s.getFixedSize()]);
      default -> { }
    }
    return false;
  }

  private static boolean holds(Schema s, boolean collection) {
    return switch (s.getType()) {
      case RECORD -> s.getFields().stream().anyMatch(f -> holds(f.schema(), collection));
      case ARRAY, MAP -> collection;
      case STRING, BYTES -> !collection;
      case UNION -> s.getTypes().stream().anyMatch(t -> holds(t, collection));
      default -> false;
    };
  }

  private static ByteArrayOutputStream header(int schemaId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
    return out;
  }
}
