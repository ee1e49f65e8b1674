package io.modelmap.testsupport.records;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Length bombs (issue 26) for any schema: valid Confluent framing and the right schema id, then the least valid
 * encoding of every field up to the first array or map, which claims {@link #CLAIM} entries; the record ends there.
 * A schema without arrays or maps gets the claim on its first string or bytes instead. A decoder that allocates
 * what the record claims asks for gigabytes from a record of a few dozen bytes. For a bomb written field by field,
 * see {@link WireBytes#claim()}.
 */
public final class LengthBombs {
  /** What a length bomb claims: the largest array a JVM can allocate. */
  public static final long CLAIM = Integer.MAX_VALUE - 8;

  private LengthBombs() {}

  /** What the bomb's claim is put on: a collection when the schema has one, else a string or bytes. */
  private enum Target { COLLECTION, STRING }

  /** A length bomb of {@code schema} framed with {@code schemaId}. */
  public static byte[] of(int schemaId, Schema schema) {
    for (Target target : Target.values()) {
      ByteArrayOutputStream out = WireBytes.header(schemaId);
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      try {
        if (write(schema, encoder, target)) {
          encoder.flush();
          return out.toByteArray();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalArgumentException("nothing in " + schema.getFullName() + " has a length to claim");
  }

  /** Writes {@code schema}'s least valid encoding until the target; true once the claim was written. */
  private static boolean write(Schema schema, BinaryEncoder out, Target target) throws IOException {
    switch (schema.getType()) {
      case RECORD -> {
        for (Schema.Field field : schema.getFields()) {
          if (write(field.schema(), out, target)) {
            return true;
          }
        }
        return false;
      }
      case ARRAY, MAP -> {
        out.writeLong(target == Target.COLLECTION ? CLAIM : 0);
        return target == Target.COLLECTION;
      }
      case STRING, BYTES -> {
        out.writeLong(target == Target.STRING ? CLAIM : 0);
        return target == Target.STRING;
      }
      case UNION -> {
        int chosen = 0;
        for (int i = 0; i < schema.getTypes().size(); i++) {
          if (holds(schema.getTypes().get(i), target)) {
            chosen = i;
            break;
          }
          if (schema.getTypes().get(i).getType() == Schema.Type.NULL) {
            chosen = i;
          }
        }
        out.writeIndex(chosen);
        return write(schema.getTypes().get(chosen), out, target);
      }
      case INT, LONG, ENUM -> out.writeLong(0);
      case BOOLEAN -> out.writeBoolean(false);
      case FLOAT -> out.writeFloat(0);
      case DOUBLE -> out.writeDouble(0);
      case FIXED -> out.writeFixed(new byte[schema.getFixedSize()]);
      case NULL -> { }
      default -> throw new IllegalArgumentException("unexpected Avro type " + schema.getType());
    }
    return false;
  }

  /** Whether a value of {@code schema} can carry the target. */
  private static boolean holds(Schema schema, Target target) {
    return switch (schema.getType()) {
      case RECORD -> schema.getFields().stream().anyMatch(f -> holds(f.schema(), target));
      case ARRAY, MAP -> target == Target.COLLECTION;
      case STRING, BYTES -> target == Target.STRING;
      case UNION -> schema.getTypes().stream().anyMatch(t -> holds(t, target));
      default -> false;
    };
  }
}
