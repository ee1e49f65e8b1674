package io.modelmap.scorer.training;

import io.modelmap.scorer.checkpoint.ByteLevelTokenizerJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Training text as one stream of byte-level tokens, what the scorer's tokenizer makes of it: each
 * document's UTF-8 bytes (ids 0–255) after the end-of-text token (256), which is also the start token
 * the scorer puts before every text.
 */
public final class ByteCorpus {
  private final int[] tokens;

  private ByteCorpus(int[] tokens) {
    this.tokens = tokens;
  }

  public static ByteCorpus of(List<String> documents) {
    int total = 0;
    byte[][] encoded = new byte[documents.size()][];
    for (int d = 0; d < encoded.length; d++) {
      encoded[d] = documents.get(d).getBytes(StandardCharsets.UTF_8);
      total += encoded[d].length + 1;
    }
    int[] tokens = new int[total];
    int at = 0;
    for (byte[] doc : encoded) {
      tokens[at++] = ByteLevelTokenizerJson.END_OF_TEXT;
      for (byte b : doc) {
        tokens[at++] = b & 0xFF;
      }
    }
    return new ByteCorpus(tokens);
  }

  /** Tokens in the stream. */
  public int size() {
    return tokens.length;
  }

  /** {@code batch} windows of {@code length + 1} consecutive tokens at random places (inputs and shifted targets). */
  long[][] windows(Random random, int batch, int length) {
    if (tokens.length < length + 1) {
      throw new IllegalArgumentException("the training text holds " + tokens.length + " tokens, fewer than one window of "
          + (length + 1));
    }
    long[][] out = new long[batch][length + 1];
    for (int b = 0; b < batch; b++) {
      int start = random.nextInt(tokens.length - length);
      for (int t = 0; t <= length; t++) {
        out[b][t] = tokens[start + t];
      }
    }
    return out;
  }
}
