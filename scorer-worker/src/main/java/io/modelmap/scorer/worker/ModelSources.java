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
 * {@code file:}); it must hold safetensors weights or, failing those, {@code pytorch_model.bin} weights
 * (read by a restricted unpickler that rebuilds tensors only, as {@code torch.load(weights_only=True)});
 * other pickles ({@code .pt}, {@code .pth}, {@code .pkl}, {@code .ckpt}) are never read, and the files
 * read must stay under a size limit. Every file inside the folder (subfolders included)
 * must lie under a root after following its link (Hugging Face cache snapshots link to blobs: fine
 * when the cache is the root); a linked subfolder is refused. What remains: a link changed between
 * this check and the load. A traced {@code torchscript.pt} instead of
 * safetensors is accepted only under a root that opts in to TorchScript.
 */
final class ModelSources {
  /** pytorch_model.bin and its shards, which the restricted reader ({@code TorchPickleFile}) reads without running code. */
  private static final java.util.regex.Pattern PYTORCH_WEIGHTS =
      java.util.regex.Pattern.compile("pytorch_model(-\\d+-of-\\d+)?\\.bin");

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
    checkFiles(sourceUri, real, roots, torchScriptAllowed, maxBytes);
    return real;
  }

  private static void checkFiles(String sourceUri, Path folder, List<Path> roots, boolean torchScriptAllowed,
      long maxBytes) {
    boolean torchScript = CausalLmLoader.isTorchScript(folder);
    if (torchScript && !torchScriptAllowed) {
      throw new ModelSourceRefused("source " + sourceUri + " is TorchScript (" + TorchScriptLm.FILE_NAME + "), which can"
          + " run code when loaded; its root does not allow it: convert it to safetensors, or start the worker with"
          + " --allow-torchscript-root for a root you trust");
    }
    long total = 0;
    long binWeights = 0;
    boolean safetensors = false;
    boolean bin = false;
    // every file of the folder and its subfolders, links included: the loader opens files by name
    // (shards may sit in subfolders), so each must stay under the roots and count toward the limit
    List<Path> entries;
    try (Stream<Path> walk = Files.walk(folder)) {
      entries = walk.filter(p -> !p.equals(folder)).toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new ModelSourceRefused("cannot list " + sourceUri + ": " + e.getMessage());
    }
    for (Path file : entries) {
      if (Files.isSymbolicLink(file) && Files.isDirectory(file)) {
        throw new ModelSourceRefused("source " + sourceUri + " holds a linked folder " + folder.relativize(file)
            + "; copy or move it into the checkpoint folder");
      }
      if (Files.isDirectory(file)) {
        continue;
      }
      Path target = realFile(sourceUri, file);
      if (roots.stream().map(ModelSources::realRoot).noneMatch(target::startsWith)) {
        throw new ModelSourceRefused("file " + folder.relativize(file) + " of source " + sourceUri
            + " links outside the model roots " + roots);
      }
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      safetensors |= name.endsWith(".safetensors");
      if (PYTORCH_WEIGHTS.matcher(name).matches()) {
        bin = true;
        binWeights += size(sourceUri, target); // read only when there are no safetensors
        continue;
      }
      boolean read = CODE_CARRYING.stream().noneMatch(name::endsWith)
          || (torchScript && name.equals(TorchScriptLm.FILE_NAME));
      if (read) {
        total += size(sourceUri, target); // other pickle files are never read
      }
    }
    if (!safetensors && !torchScript && !bin) {
      throw new ModelSourceRefused("source " + sourceUri + " has neither .safetensors nor pytorch_model.bin weights;"
          + " other pickle-based files (.pt, .pth, .ckpt, ...) can run code when loaded and are refused: convert them"
          + " to safetensors");
    }
    if (!safetensors && !torchScript) {
      total += binWeights;
    }
    if (total > maxBytes) {
      throw new ModelSourceRefused("source " + sourceUri + " holds " + total + " bytes, over the worker's limit of "
          + maxBytes + " (--max-model-bytes)");
    }
  }

  private static Path realFile(String sourceUri, Path file) {
    try {
      return file.toRealPath();
    } catch (IOException e) {
      throw new ModelSourceRefused("file " + file + " of source " + sourceUri + " cannot be read: " + e.getMessage());
    }
  }

  private static long size(String sourceUri, Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new ModelSourceRefused("file " + file + " of source " + sourceUri + " cannot be read: " + e.getMessage());
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
