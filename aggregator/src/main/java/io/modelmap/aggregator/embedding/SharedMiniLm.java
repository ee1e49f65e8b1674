package io.modelmap.aggregator.embedding;

import io.modelmap.encoder.MiniLmEncoder;

/**
 * The one all-MiniLM-L6-v2 of this JVM, opened on first use (a 90 MB graph, seconds to load) and kept for the
 * life of the process: every task's embedding processor and /api/route share it, as ONNX Runtime sessions and
 * the Rust tokenizer serve concurrent calls. Never closed: the JVM's exit frees it.
 */
final class SharedMiniLm {
  private static MiniLmEncoder encoder;

  private SharedMiniLm() {}

  static synchronized MiniLmEncoder get() {
    if (encoder == null) {
      encoder = MiniLmEncoder.open();
    }
    return encoder;
  }
}
