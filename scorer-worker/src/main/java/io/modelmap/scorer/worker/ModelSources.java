package io.modelmap.scorer.worker;

import io.modelmap.scorer.model.CausalLmLoader;
import io.modelmap.scorer.model.TorchScriptLm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Model sources are untrusted input. A source resolves to a folder under a configured root, after
 * following symbolic links (no {@code ..}, no link pointing out of the roots, no other URL scheme than
 * {@code file:}); it must hold safetensors weights, which are preferred over formats that run code
 * when loaded (pickle: {@code .bin}, {@code .pt}, {@code .pth}, {@code .pkl}, {@code .ckpt}; never read),
 * and the files read must stay under a size limit. A traced {@code torchscript.pt} instead of
 * safetensors is accepted only under a root that opts in to TorchScript.
 */
final class ModelSources {
  private static final List<String> CODE_CARRYING = List.of(".bin", ".pt", ".pth", ".pkl", ".pickle", ".ckpt");

  private ModelSources() {}

  static Path resolve(String sourceUri, List<Path> roots, List<Path> torchScriptRoots, long maxBytes) {
    if (sourceUri.contains("://") || (sourceUri.contains(":") && !sourceUri.startsWith("file:"))) {
      throw new ModelSourceRefused("source " + sourceUri + " is not a local path; only file: sources are supported");
    }
    String path = sourceUri.startsWith("file:") ? sourceUri.substring("file:".length()) : sourceUri;
    Path real;
    try {
      real = Path.of(path).toRealPath();
    } catch (IOException e) {
      throw new ModelSourceRefused("source " + sourceUri + " does not exist on this worker; mount it under "
          + roots);
    }
    if (roots.stream().map(ModelSources::realRoot).noneMatch(real::startsWith)) {
      throw new ModelSourceRefused("source " + sourceUri + " lies outside the model roots " + roots
          + " (after following links)");
    }
    if (!Files.isDirectory(real)) {
      throw new ModelSourceRefused("source " + sourceUri + " is not a checkpoint folder");
    }
    boolean torchScriptAllowed = torchScriptRoots.stream().map(ModelSources::realRoot).anyMatch(real::startsWith);
    checkFiles(sourceUri, real, torchScriptAllowed, maxBytes);
    return real;
  }

  private static void checkFiles(String sourceUri, Path folder, boolean torchScriptAllowed, long maxBytes) {
    boolean torchScript = CausalLmLoader.isTorchScript(folder);
    if (torchScript && !torchScriptAllowed) {
      throw new ModelSourceRefused("source " + sourceUri + " is TorchScript (" + TorchScriptLm.FILE_NAME + "), which can"
          + " run code when loaded; its root does not allow it: convert it to safetensors, or start the worker with"
          + " --allow-torchscript-root for a root you trust");
    }
    long total = 0;
    boolean safetensors = false;
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        safetensors |= name.endsWith(".safetensors");
        boolean read = CODE_CARRYING.stream().noneMatch(name::endsWith)
            || (torchScript && name.equals(TorchScriptLm.FILE_NAME));
        if (read) {
          total += Files.size(file); // other pickle files are never read
        }
      }
    } catch (IOException e) {
      throw new ModelSourceRefused("cannot list " + sourceUri + ": " + e.getMessage());
    }
    if (!safetensors && !torchScript) {
      throw new ModelSourceRefused("source " + sourceUri + " has no .safetensors weights; pickle-based checkpoints"
          + " (.bin, .pt, ...) can run code when loaded and are refused: convert them to safetensors");
    }
    if (total > maxBytes) {
      throw new ModelSourceRefused("source " + sourceUri + " holds " + total + " bytes, over the worker's limit of "
          + maxBytes + " (--max-model-bytes)");
    }
  }

  private static Path realRoot(Path root) {
    try {
      return root.toRealPath();
    } catch (IOException e) {
      return root.toAbsolutePath().normalize();
    }
  }
}
