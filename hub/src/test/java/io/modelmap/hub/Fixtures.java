package io.modelmap.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tiny Llama checkpoint of src/test/resources/tiny-llama, and files a real repository has beside it. */
public final class Fixtures {
  private Fixtures() {
  }

  static byte[] resource(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/tiny-llama/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource tiny-llama/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** config.json, tokenizer.json and model.safetensors, in that order. */
  public static Map<String, byte[]> tinyLlama() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name : new String[] {"config.json", "tokenizer.json", "model.safetensors"}) {
      files.put(name, resource(name));
    }
    return files;
  }

  /** The checkpoint with code, a README, an ONNX export and a pickle beside it, none of which a scorer needs. */
  static Map<String, byte[]> tinyLlamaWithExtras() {
    Map<String, byte[]> files = new LinkedHashMap<>(tinyLlama());
    files.put("modeling_tiny.py", "import os\nos.system('echo never run')\n".getBytes(StandardCharsets.UTF_8));
    files.put("README.md", "# tiny\n".getBytes(StandardCharsets.UTF_8));
    files.put("onnx/model.onnx", new byte[] {1, 2, 3});
    files.put("pytorch_model.bin", new byte[] {(byte) 0x80, 2, 3});
    files.put(".gitattributes", "*.safetensors filter=lfs\n".getBytes(StandardCharsets.UTF_8));
    return files;
  }
}
