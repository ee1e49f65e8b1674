package io.modelmap.scorer.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@code tokenizer.json} of GPT-2's byte-level BPE with the 256 byte tokens (ids = byte values),
 * no merges, and {@code <|endoftext|>} as id 256: every UTF-8 byte is one token.
 */
public final class ByteLevelTokenizerJson {
  public static final int VOCAB_SIZE = 257;
  public static final int END_OF_TEXT = 256;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ByteLevelTokenizerJson() {}

  public static String json() {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    root.putArray("added_tokens").addObject().put("id", END_OF_TEXT).put("content", "<|endoftext|>")
        .put("single_word", false).put("lstrip", false).put("rstrip", false).put("normalized", true)
        .put("special", true);
    root.putNull("normalizer");
    root.set("pre_tokenizer", byteLevel());
    root.set("post_processor", byteLevel());
    root.set("decoder", byteLevel());
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE").putNull("dropout");
    model.putNull("unk_token");
    model.put("continuing_subword_prefix", "").put("end_of_word_suffix", "").put("fuse_unk", false)
        .put("byte_fallback", false);
    ObjectNode vocab = model.putObject("vocab");
    int[] unicodeOfByte = gpt2ByteToUnicode();
    for (int b = 0; b < 256; b++) {
      vocab.put(new String(Character.toChars(unicodeOfByte[b])), b);
    }
    model.putArray("merges");
    return root.toPrettyString();
  }

  private static ObjectNode byteLevel() {
    return JSON.createObjectNode().put("type", "ByteLevel").put("add_prefix_space", false)
        .put("trim_offsets", true).put("use_regex", true);
  }

  /** GPT-2's bytes_to_unicode: printable bytes map to themselves, the rest to 256 + n. */
  private static int[] gpt2ByteToUnicode() {
    int[] map = new int[256];
    int next = 256;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      map[b] = printable ? b : next++;
    }
    return map;
  }
}
