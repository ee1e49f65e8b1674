package io.modelmap.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The structure of every Dockerfile under docker/ (no Docker engine here, so the images themselves are
 * not built in this test): multi-stage, pinned bases, a non-root user, a health check, exec-form
 * entrypoint, and only environment variables the CLI actually reads.
 */
class DockerfilesTest {
  private static final Path DOCKER = Path.of("..", "docker");
  private static final Pattern ENV_NAME = Pattern.compile("\\b(MODELMAP_[A-Z0-9_]+)=");

  private static List<Path> dockerfiles() throws Exception {
    try (Stream<Path> files = Files.walk(DOCKER)) {
      return files.filter(f -> f.getFileName().toString().startsWith("Dockerfile")).sorted().toList();
    }
  }

  @Test
  void thereIsAnImagePerServiceAndAGpuVariant() throws Exception {
    assertThat(dockerfiles()).extracting(p -> DOCKER.relativize(p).toString()).containsExactly(
        "aggregator/Dockerfile", "producer/Dockerfile", "scorer-worker/Dockerfile", "scorer-worker/Dockerfile.gpu");
  }

  @Test
  void everyImageIsMultiStagePinnedNonRootAndChecked() throws Exception {
    for (Path file : dockerfiles()) {
      List<String> lines = instructions(file);
      List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
      assertThat(froms).as("%s is multi-stage", file).hasSizeGreaterThanOrEqualTo(2);
      for (String from : froms) {
        String image = from.split("\\s+")[1];
        assertThat(image).as("%s pins %s", file, image).contains(":").doesNotEndWith(":latest");
      }
      List<String> finalStage = lines.subList(lines.lastIndexOf(froms.get(froms.size() - 1)), lines.size());
      assertThat(finalStage).as("%s runs as a non-root user", file).contains("USER 10001:10001");
      assertThat(finalStage).as("%s has a health check", file).anyMatch(l -> l.startsWith("HEALTHCHECK "));
      assertThat(finalStage).as("%s has an exec-form entrypoint", file)
          .anyMatch(l -> l.startsWith("ENTRYPOINT [\"java\""));
      assertThat(lines).as("%s fetches nothing with ADD", file).noneMatch(l -> l.startsWith("ADD http"));
    }
  }

  @Test
  void everyEnvironmentSettingIsOneTheCliReads() throws Exception {
    Set<String> cliReads = CliEnvironment.variables();
    for (Path file : dockerfiles()) {
      Matcher m = ENV_NAME.matcher(String.join("\n", instructions(file)));
      while (m.find()) {
        assertThat(cliReads).as("%s sets %s", file, m.group(1)).contains(m.group(1));
      }
    }
  }

  @Test
  void noImageBindsBeyondLoopbackUnlessTold() throws Exception {
    Pattern host = Pattern.compile("\\b(MODELMAP_[A-Z_]*HOST)=(\\S+)");
    for (Path file : dockerfiles()) {
      Matcher m = host.matcher(String.join("\n", instructions(file)));
      while (m.find()) {
        assertThat(m.group(2)).as("%s sets %s", file, m.group(1)).isIn("127.0.0.1", "localhost");
      }
      assertThat(instructions(file)).as("%s publishes no internal-views port", file)
          .noneMatch(l -> l.startsWith("EXPOSE") && l.contains("8081"));
    }
  }

  /** Instructions with continuation lines joined and comments dropped. */
  private static List<String> instructions(Path file) throws Exception {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : Files.readAllLines(file)) {
      String line = raw.strip();
      if (line.startsWith("#") || line.isEmpty()) {
        continue;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      result.add(current.toString().replaceAll("\\s+", " "));
      current.setLength(0);
    }
    return result;
  }
}
