package io.modelmap.eval.embedllm;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A frozen encoder's vectors on disk, so that encoding a question set is a one-time cost: each vector
 * keyed by the SHA-256 of its text (a changed text misses and is encoded again), the file stamped with
 * the encoder's id and width (a file of another encoder or model is refused, never mixed in).
 *
 * <p>Format: {@link #MAGIC}, the encoder id (UTF), the width, the count, then per vector 32 hash bytes
 * and {@code width} floats. Saved through a temporary file and a move, so an interrupted run leaves the
 * last complete save.
 */
public final class EncodingCache {
  static final String MAGIC = "modelmap-encoding-cache/1";

  private final Path file;
  private final String encoderId;
  private final int dimension;
  private final Map<String, float[]> vectors;

  private EncodingCache(Path file, String encoderId, int dimension, Map<String, float[]> vectors) {
    this.file = file;
    this.encoderId = encoderId;
    this.dimension = dimension;
    this.vectors = vectors;
  }

  /**
   * The cache in {@code file} (empty when the file is not there yet).
   *
   * @throws IllegalArgumentException in one line when the file is not a cache, or holds another
   *     encoder's or width's vectors
   */
  public static EncodingCache open(Path file, String encoderId, int dimension) {
    if (!Files.exists(file)) {
      return new EncodingCache(file, encoderId, dimension, new LinkedHashMap<>());
    }
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (!MAGIC.equals(readUtfOrNull(in))) {
        throw new IllegalArgumentException(file + " is not an encoding cache: give another file or delete it");
      }
      String storedId = in.readUTF();
      int storedDimension = in.readInt();
      if (!storedId.equals(encoderId) || storedDimension != dimension) {
        throw new IllegalArgumentException(file + " holds vectors of " + storedId + " (" + storedDimension
            + " dimensions), not of " + encoderId + " (" + dimension + "): give another file or delete it");
      }
      int count = in.readInt();
      Map<String, float[]> vectors = new LinkedHashMap<>();
      byte[] hash = new byte[32];
      for (int i = 0; i < count; i++) {
        in.readFully(hash);
        float[] v = new float[dimension];
        for (int d = 0; d < dimension; d++) {
          v[d] = in.readFloat();
        }
        vectors.put(HexFormat.of().formatHex(hash), v);
      }
      return new EncodingCache(file, encoderId, dimension, vectors);
    } catch (EOFException e) {
      throw new IllegalArgumentException(file + " ends early (an encoding cache cut short): delete it", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the encoding cache " + file, e);
    }
  }

  private static String readUtfOrNull(DataInputStream in) {
    try {
      return in.readUTF();
    } catch (IOException e) {
      return null;
    }
  }

  /** The vector stored for {@code text}, or null. */
  public float[] get(String text) {
    return vectors.get(key(text));
  }

  public void put(String text, float[] vector) {
    if (vector.length != dimension) {
      throw new IllegalArgumentException("a vector of " + vector.length + " values in a cache of width " + dimension);
    }
    vectors.put(key(text), vector.clone());
  }

  public int size() {
    return vectors.size();
  }

  public int dimension() {
    return dimension;
  }

  /** Writes every vector to a temporary file beside the cache, then moves it over the cache. */
  public void save() {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".part");
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary)))) {
        out.writeUTF(MAGIC);
        out.writeUTF(encoderId);
        out.writeInt(dimension);
        out.writeInt(vectors.size());
        for (Map.Entry<String, float[]> e : vectors.entrySet()) {
          out.write(HexFormat.of().parseHex(e.getKey()));
          for (float value : e.getValue()) {
            out.writeFloat(value);
          }
        }
      }
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the encoding cache " + file, e);
    }
  }

  private static String key(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
