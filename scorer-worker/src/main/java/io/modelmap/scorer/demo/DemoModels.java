package io.modelmap.scorer.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The bundled demo models, written deterministically under a folder. */
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

  public static List<DemoModel> write(Path root) throws IOException {
    TinyGpt2Weights a = TinyGpt2Weights.random(101);
    TinyGpt2Weights b = TinyGpt2Weights.random(202);
    TinyGpt2Weights c = TinyGpt2Weights.random(303);
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

  private static DemoModel write(Path root, String name, String family, String type, TinyGpt2Weights w)
      throws IOException {
    String id = ORG + "/" + name; // ids as on the Hugging Face Hub: org/name, in folders org/name
    Path dir = root.resolve(ORG).resolve(name);
    TinyGpt2Writer.write(dir, w);
    return new DemoModel(id, family, type, dir);
  }
}
