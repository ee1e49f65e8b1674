package io.modelmap.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.cli.runtime.LocalPipeline.LocalModel;
import io.modelmap.cli.support.UsageError;
import io.modelmap.hub.HubModelId;
import io.modelmap.schemas.key.Ids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The checkpoints {@code map} scores: {@code --model ID=DIR} pairs, Hub models {@code --model org/name[@revision]}
 * (no {@code =}: fetched through {@link HubModels}, after every other argument was checked), and every
 * folder with a {@code config.json} under a {@code --models-dir} (one level, id = folder name; or two, the
 * Hugging Face layout {@code org/name}, id = {@code org/name}). The family is the config's {@code model_type}.
 */
public final class LocalModels {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LocalModels() {}

  /** Folders only: a {@code --model} without {@code =DIR} is refused. */
  public static List<LocalModel> resolve(List<String> pairs, List<Path> modelsDirs) throws IOException {
    return resolve(pairs, modelsDirs, null);
  }

  /** Folders, and Hub models fetched through {@code hub} (null: none accepted). */
  public static List<LocalModel> resolve(List<String> pairs, List<Path> modelsDirs, HubModels hub) throws IOException {
    Map<String, Path> byId = new LinkedHashMap<>();
    Map<String, HubModelId> hubIds = new LinkedHashMap<>();
    for (String pair : pairs) {
      int at = pair.indexOf('=');
      if (at < 0 && hub != null) {
        HubModelId id = hubId(pair);
        if (hubIds.putIfAbsent(HubModels.modelId(id), id) != null) {
          throw new UsageError("--model " + pair + ": model id '" + HubModels.modelId(id) + "' is given twice");
        }
        continue;
      }
      if (at <= 0 || at == pair.length() - 1) {
        throw new UsageError("--model '" + pair + "': expected ID=DIR, for example --model acme/tiny-base=./ckpt/base"
            + (hub == null ? "" : ", or a Hub id org/name[@revision]"));
      }
      add(byId, pair.substring(0, at), Path.of(pair.substring(at + 1)), "--model " + pair);
    }
    for (Path dir : modelsDirs) {
      if (!Files.isDirectory(dir)) {
        throw new NoSuchFileException(dir.toString(), null, "no such folder");
      }
      List<Path> found = checkpointsUnder(dir);
      if (found.isEmpty()) {
        throw new UsageError("--models-dir " + dir + ": no subfolder holds a config.json (a Hugging Face checkpoint)");
      }
      for (Path checkpoint : found) {
        add(byId, dir.relativize(checkpoint).toString().replace('\\', '/'), checkpoint, "--models-dir " + dir);
      }
    }
    for (String id : hubIds.keySet()) {
      if (byId.containsKey(id)) {
        throw new UsageError("--model " + hubIds.get(id) + ": model id '" + id + "' is given twice (also "
            + byId.get(id) + ")");
      }
    }
    if (byId.isEmpty() && hubIds.isEmpty()) {
      throw new UsageError("map needs checkpoints: --model ID=DIR or org/name[@revision] (repeatable) or"
          + " --models-dir DIR");
    }
    List<LocalModel> models = new ArrayList<>();
    for (Map.Entry<String, Path> e : byId.entrySet()) {
      models.add(new LocalModel(e.getKey(), e.getValue(), modelType(e.getValue()), "local"));
    }
    for (HubModelId id : hubIds.values()) {
      models.add(hub.fetch(id));
    }
    return models;
  }

  /** A {@code --model} value without {@code =DIR}: a Hub id, whose model id must be valid here too. */
  public static HubModelId hubId(String text) {
    HubModelId id;
    try {
      id = HubModelId.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageError("--model '" + text + "': neither ID=DIR nor a Hub id org/name[@revision]: "
          + e.getMessage());
    }
    Ids.problem(Ids.Kind.MODEL, HubModels.modelId(id)).ifPresent(problem -> {
      throw new UsageError("--model " + text + ": " + problem);
    });
    return id;
  }

  private static void add(Map<String, Path> byId, String id, Path dir, String where) throws IOException {
    Ids.problem(Ids.Kind.MODEL, id).ifPresent(problem -> {
      throw new UsageError(where + ": " + problem);
    });
    if (!Files.isRegularFile(dir.resolve("config.json"))) {
      throw new UsageError(where + ": " + dir + " has no config.json; point it at a Hugging Face checkpoint folder");
    }
    Path previous = byId.putIfAbsent(id, dir.toAbsolutePath().normalize());
    if (previous != null) {
      throw new UsageError(where + ": model id '" + id + "' is given twice (also " + previous + ")");
    }
  }

  private static List<Path> checkpointsUnder(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir, 2)) {
      return walk.filter(p -> !p.equals(dir) && Files.isDirectory(p) && Files.isRegularFile(p.resolve("config.json")))
          .sorted().toList();
    }
  }

  static String modelType(Path dir) throws IOException {
    JsonNode config;
    try {
      config = JSON.readTree(dir.resolve("config.json").toFile());
    } catch (IOException e) {
      throw new IOException(dir.resolve("config.json") + ": not JSON (" + e.getMessage() + ")", e);
    }
    return config.path("model_type").asText(null);
  }
}
