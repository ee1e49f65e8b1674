package io.modelmap.testsupport.records;

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
 * Random valid records of any schema, for properties over every topic: values with printable ids and finite
 * numbers, in the Confluent wire format. Their malformed counterparts are {@link LengthBombs} and
 * {@link BadRecords}.
 */
public final class RandomRecords {
  private RandomRecords() {}

  /** A random valid value of {@code schema}, framed with {@code schemaId}. */
  public static byte[] framed(int schemaId, Schema schema, Random r) {
    ByteArrayOutputStream out = WireBytes.header(schemaId);
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
}
