package io.modelmap.hub;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which files of a repository a scorer needs: the configuration, the tokenizer, and the weights as
 * safetensors (with their index); {@code pytorch_model*.bin} only when the repository has no safetensors
 * weights (the scorer's restricted pickle reader takes them). Never code ({@code *.py}), never a file in
 * a subfolder (ONNX exports, GGUF, originals), never anything else.
 */
final class FileSelection {
  private static final Set<String> NAMED = Set.of(
      "config.json", "generation_config.json",
      "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json",
      "vocab.json", "vocab.txt", "merges.txt", "tokenizer.model", "spiece.model", "sentencepiece.bpe.model");
  // constants.py SAFETENSORS_WEIGHTS_FILE_PATTERN "model{suffix}.safetensors" and its index; shards too
  private static final Pattern SAFETENSORS = Pattern.compile("[\\w\\-.]+\\.safetensors(\\.index\\.json)?");
  // constants.py PYTORCH_WEIGHTS_FILE_PATTERN "pytorch_model{suffix}.bin" and its index
  private static final Pattern PYTORCH = Pattern.compile("pytorch_model[\\w\\-.]*\\.bin(\\.index\\.json)?");

  private FileSelection() {
  }

  /** The files to fetch out of a repository's file list, in the list's order. */
  static List<String> select(List<String> files) {
    boolean hasSafetensors = files.stream().anyMatch(f -> topLevel(f) && f.endsWith(".safetensors"));
    return files.stream().filter(f -> wanted(f, hasSafetensors)).toList();
  }

  /** The weight files among a selection (a snapshot without any cannot be scored). */
  static boolean isWeights(String file) {
    return file.endsWith(".safetensors") || (PYTORCH.matcher(file).matches() && file.endsWith(".bin"));
  }

  private static boolean wanted(String file, boolean hasSafetensors) {
    if (!topLevel(file) || file.endsWith(".py")) {
      return false;
    }
    return NAMED.contains(file) || SAFETENSORS.matcher(file).matches()
        || (!hasSafetensors && PYTORCH.matcher(file).matches());
  }

  private static boolean topLevel(String file) {
    return !file.contains("/") && !file.contains("\\") && !file.startsWith(".");
  }
}
