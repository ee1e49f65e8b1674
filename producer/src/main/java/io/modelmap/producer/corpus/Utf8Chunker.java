package io.modelmap.producer.corpus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits text into chunks of at most {@code maxBytes} UTF-8 bytes, never inside a character. */
public final class Utf8Chunker {
  private final int maxBytes;
  private final int minBytes;

  /** Paper §3.1: 1,024-byte chunks, dropping those under 256 bytes. */
  public static Utf8Chunker paperDefaults() {
    return new Utf8Chunker(1024, 256);
  }

  public Utf8Chunker(int maxBytes, int minBytes) {
    if (maxBytes < 4 || minBytes < 0 || minBytes > maxBytes) {
      throw new IllegalArgumentException("need 4 <= maxBytes and 0 <= minBytes <= maxBytes");
    }
    this.maxBytes = maxBytes;
    this.minBytes = minBytes;
  }

  /** A kept chunk and its position among all chunks of its text (dropped ones included). */
  public record Chunk(int position, String text) {}

  public List<String> chunks(String text) {
    return indexedChunks(text).stream().map(Chunk::text).toList();
  }

  public List<Chunk> indexedChunks(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<Chunk> chunks = new ArrayList<>();
    int position = 0;
    int start = 0;
    while (start < bytes.length) {
      int end = Math.min(start + maxBytes, bytes.length);
      while (end < bytes.length && isContinuationByte(bytes[end])) {
        end--; // step back to the first byte of the character that would be cut
      }
      if (end - start >= minBytes) {
        chunks.add(new Chunk(position, new String(bytes, start, end - start, StandardCharsets.UTF_8)));
      }
      position++;
      start = end;
    }
    return chunks;
  }

  private static boolean isContinuationByte(byte b) {
    return (b & 0xC0) == 0x80;
  }
}
