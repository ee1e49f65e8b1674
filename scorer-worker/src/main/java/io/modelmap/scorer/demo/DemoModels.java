package io.modelmap.scorer.demo;

import io.modelmap.scorer.checkpoint.ConfigFields;
import io.modelmap.scorer.checkpoint.Gpt2Checkpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo models: the trained zoo committed with the scorer ({@link #zoo}, built by {@code zoo/build.sh}
 * with {@code modelmap train}, {@code merge} and {@code quantize}), or random-weight models written
 * from seeds ({@link #write}, for tests that need the pipeline, not a meaningful map).
 */
public final class DemoModels {
  /** The organisation part of every demo model id. */
  public static final String ORG = "modelmap-demo";

  private DemoModels() {}

  /**
   * A demo model.
   *
   * @param id model id
   * @param family its family (base it derives from)
   * @param type base, fine-tuned, copy or interpolation
   * @param dir its checkpoint folder
   */
  public record DemoModel(String id, String family, String type, Path dir) {}

  /** The folder of the committed zoo on the classpath. */
  private static final String ZOO = "/io/modelmap/scorer/zoo/";
  private static final List<String> CHECKPOINT_FILES = List.of("config.json", "model.safetensors", "tokenizer.json");

  /** Copies the committed zoo under {@code root}, in folders {@code org/name} as its ids. */
  public static List<DemoModel> zoo(Path root) throws IOException {
    List<DemoModel> models = new ArrayList<>();
    List<String> manifest = resourceLines(ZOO + "models.csv");
    for (String line : manifest.subList(1, manifest.size())) {
      String[] f = line.split(",");
      Path dir = root.resolve(f[0]);
      java.nio.file.Files.createDirectories(dir);
      for (String file : CHECKPOINT_FILES) {
        try (java.io.InputStream in = DemoModels.class.getResourceAsStream(ZOO + f[3] + "/" + file)) {
          if (in == null) {
            throw new IOException("the demo zoo lacks " + f[3] + "/" + file + "; rebuild it with zoo/build.sh");
          }
          java.nio.file.Files.copy(in, dir.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      models.add(new DemoModel(f[0], f[1], f[2], dir));
    }
    return models;
  }

  private static List<String> resourceLines(String name) throws IOException {
    try (java.io.InputStream in = DemoModels.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("no " + name + " on the classpath");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
  }

  /** Random-weight models from fixed seeds: a base, its copy, perturbed "fine-tunes" and interpolations. */
  public static List<DemoModel> write(Path root) throws IOException {
    Gpt2Checkpoint a = TinyGpt2Weights.random(101);
    Gpt2Checkpoint b = TinyGpt2Weights.random(202);
    Gpt2Checkpoint c = TinyGpt2Weights.random(303);
    List<DemoModel> models = new ArrayList<>();
    models.add(write(root, "tiny-a", "a", "base", a));
    models.add(write(root, "tiny-b", "b", "base", b));
    models.add(write(root, "tiny-c", "c", "base", c));
    models.add(write(root, "tiny-a-copy", "a", "copy", a));
    models.add(write(root, "tiny-a-ft-small", "a", "fine-tuned", a.perturbed(11, 0.02)));
    models.add(write(root, "tiny-a-ft-large", "a", "fine-tuned", a.perturbed(12, 0.08)));
    models.add(write(root, "tiny-b-ft", "b", "fine-tuned", b.perturbed(21, 0.04)));
    for (int pct : new int[] {25, 50, 75}) {
      models.add(write(root, "tiny-ab-mix-" + pct, "a+b", "interpolation", a.interpolated(b, pct / 100.0)));
    }
    return models;
  }

  private static DemoModel write(Path root, String name, String family, String type, Gpt2Checkpoint w)
      throws IOException {
    String id = ORG + "/" + name; // ids as on the Hugging Face Hub: org/name, in folders org/name
    Path dir = root.resolve(ORG).resolve(name);
    w.write(dir, ConfigFields.DEMO, false);
    return new DemoModel(id, family, type, dir);
  }
}
