package io.modelmap.cli.watch;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Reads a rules file (YAML, of which JSON is a part) into {@link WatchRules}. Any mistake is one line naming
 * the file, the line where the parser saw it and the field: an unknown field (with the known ones), a value of
 * the wrong type, a value a rule refuses.
 */
public final class RulesFile {
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

  /** The file as written: every field optional, checked and given its default by {@link #rules()}. */
  record Written(
      @JsonProperty("pipeline-tag") String pipelineTag,
      @JsonProperty("organizations") List<String> organizations,
      @JsonProperty("skip-organizations") List<String> skipOrganizations,
      @JsonProperty("name-patterns") List<String> namePatterns,
      @JsonProperty("max-parameters") Long maxParameters,
      @JsonProperty("licenses") List<String> licenses,
      @JsonProperty("gated") Boolean gated,
      @JsonProperty("architectures") List<String> architectures,
      @JsonProperty("corpus") String corpus,
      @JsonProperty("benchmarks") List<String> benchmarks,
      @JsonProperty("dtype") String dtype,
      @JsonProperty("models-per-hour") Integer modelsPerHour,
      @JsonProperty("since") String since) {

    WatchRules rules(List<String> scorerArchitectures) {
      Optional<Instant> start;
      try {
        start = Optional.ofNullable(since).map(Instant::parse);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("since must be an ISO-8601 instant such as 2026-12-01T00:00:00Z, was '"
            + since + "'");
      }
      return new WatchRules(or(pipelineTag, "text-generation"), or(organizations, List.of()),
          or(skipOrganizations, List.of()), or(namePatterns, List.<String>of()).stream().map(WatchRules::pattern)
          .toList(), maxParameters == null ? OptionalLong.empty() : OptionalLong.of(maxParameters),
          or(licenses, List.of()), or(gated, false), or(architectures, scorerArchitectures), corpus,
          or(benchmarks, List.of()), or(dtype, "float32"), or(modelsPerHour, 10), start);
    }

    private static <T> T or(T value, T otherwise) {
      return value == null ? otherwise : value;
    }
  }

  private RulesFile() {
  }

  /**
   * The rules of {@code file}; {@code architectures} defaults to {@code scorerArchitectures}.
   *
   * @throws IllegalArgumentException one line naming the file (and line) and what is wrong
   */
  public static WatchRules read(Path file, List<String> scorerArchitectures) {
    Written written;
    String text = "";
    try {
      text = Files.readString(file);
      written = YAML.readValue(text, Written.class);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file");
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted()
          .collect(Collectors.joining(", "));
      // the parser's location is past the field's value: the line where the field is named is the one to fix
      throw new IllegalArgumentException(lineOf(text, e.getPropertyName()).map(l -> file + " line " + l)
          .orElse(where(file, e)) + ": unknown field '" + e.getPropertyName() + "' (known: "
          + known + ")");
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(where(file, e) + ": " + field(e) + e.getOriginalMessage().lines()
          .findFirst().orElse(""));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(where(file, e) + ": not YAML: " + e.getOriginalMessage().lines().findFirst()
          .orElse(""));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read it: " + e.getMessage());
    }
    if (written == null) {
      throw new IllegalArgumentException(file + ": empty; it needs at least 'corpus'");
    }
    try {
      return written.rules(scorerArchitectures);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage());
    }
  }

  private static Optional<Integer> lineOf(String text, String field) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith(field + ":") || line.contains("\"" + field + "\"")) {
        return Optional.of(i + 1);
      }
    }
    return Optional.empty();
  }

  private static String where(Path file, JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    return location == null || location.getLineNr() < 1 ? file.toString() : file + " line " + location.getLineNr();
  }

  private static String field(JsonMappingException e) {
    String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
    return path.isEmpty() ? "" : path + ": ";
  }
}
