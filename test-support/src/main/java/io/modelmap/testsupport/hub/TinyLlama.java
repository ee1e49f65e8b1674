package io.modelmap.testsupport.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tiny random Llama checkpoint (config.json, tokenizer.json, model.safetensors: the same bytes as the scorer's
 * {@code fixtures/llama}), as files to push to the {@link io.modelmap.hubstandin.HubStandIn}, and files a real repository has beside it.
 */
public final class TinyLlama {
  private TinyLlama() {
  }

  public static byte[] resource(String name) {
    try (InputStream in = TinyLlama.class.getResourceAsStream("tiny-llama/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no resource io/modelmap/testsupport/hub/tiny-llama/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** config.json, tokenizer.json and model.safetensors, in that order. */
  public static Map<String, byte[]> files() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name : new String[] {"config.json", "tokenizer.json", "model.safetensors"}) {
      files.put(name, resource(name));
    }
    return files;
  }

  /** The checkpoint with code, a README, an ONNX export and a pickle beside it, none of which a scorer needs. */
  public static Map<String, byte[]> withExtras() {
    Map<String, byte[]> files = new LinkedHashMap<>(files());
    files.put("modeling_tiny.py", "import os\nos.system('echo never run')\n".getBytes(StandardCharsets.UTF_8));
    files.put("README.md", "# tiny\n".getBytes(StandardCharsets.UTF_8));
    files.put("onnx/model.onnx", new byte[] {1, 2, 3});
    files.put("pytorch_model.bin", new byte[] {(byte) 0x80, 2, 3});
    files.put(".gitattributes", "*.safetensors filter=lfs\n".getBytes(StandardCharsets.UTF_8));
    return files;
  }
}
