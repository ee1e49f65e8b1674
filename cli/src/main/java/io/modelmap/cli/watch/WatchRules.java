package io.modelmap.cli.watch;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the Hub watcher follows and registers, as a team writes it once in a rules file ({@link RulesFile}).
 * Every check throws {@link IllegalArgumentException} whose message starts with the field's name in the file.
 *
 * @param pipelineTag {@code pipeline-tag}: the listing's filter (default {@code text-generation})
 * @param organizations {@code organizations}: only these authors are listed (empty: every author)
 * @param skipOrganizations {@code skip-organizations}: authors whose models are skipped
 * @param namePatterns {@code name-patterns}: regular expressions, one must match the whole id (empty: any id)
 * @param maxParameters {@code max-parameters}: the most parameters ({@code safetensors.total}); a model the Hub
 *     gives no count for is skipped while this is set
 * @param licenses {@code licenses}: licence ids allowed (empty: any licence, none included)
 * @param gated {@code gated}: gated models are registered only when true and {@code HF_TOKEN} is set
 * @param architectures {@code architectures}: the {@code model_type}s registered (default: what the scorer loads)
 * @param corpus {@code corpus}: the published corpus each model is registered on
 * @param benchmarks {@code benchmarks}: published benchmarks each model answers as well
 * @param dtype {@code dtype}: float32, float16 or bfloat16
 * @param modelsPerHour {@code models-per-hour}: the most registrations in any hour; the rest wait
 * @param since {@code since}: models last modified before this instant are not considered
 */
public record WatchRules(String pipelineTag, List<String> organizations, List<String> skipOrganizations,
    List<Pattern> namePatterns, OptionalLong maxParameters, List<String> licenses, boolean gated,
    List<String> architectures, String corpus, List<String> benchmarks, String dtype, int modelsPerHour,
    Optional<Instant> since) {
  /** The dtypes a registration may name (those {@code register --dtype} takes). */
  static final List<String> DTYPES = List.of("float32", "float16", "bfloat16");

  public WatchRules {
    requireText("pipeline-tag", pipelineTag);
    organizations = names("organizations", organizations);
    skipOrganizations = names("skip-organizations", skipOrganizations);
    namePatterns = List.copyOf(Objects.requireNonNull(namePatterns, "name-patterns"));
    Objects.requireNonNull(maxParameters, "max-parameters");
    if (maxParameters.isPresent() && maxParameters.getAsLong() < 1) {
      throw new IllegalArgumentException("max-parameters must be at least 1, was " + maxParameters.getAsLong());
    }
    licenses = names("licenses", licenses);
    architectures = names("architectures", architectures);
    if (architectures.isEmpty()) {
      throw new IllegalArgumentException("architectures must name at least one model_type (leave it out for the"
          + " scorer's own list)");
    }
    requireText("corpus", corpus);
    benchmarks = names("benchmarks", benchmarks);
    if (!DTYPES.contains(dtype)) {
      throw new IllegalArgumentException("dtype must be one of " + DTYPES + ", was '" + dtype + "'");
    }
    if (modelsPerHour < 1) {
      throw new IllegalArgumentException("models-per-hour must be at least 1, was " + modelsPerHour);
    }
    Objects.requireNonNull(since, "since");
  }

  /** Compiles a {@code name-patterns} entry, naming it when it is no regular expression. */
  static Pattern pattern(String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("name-patterns: '" + regex + "' is no regular expression: "
          + e.getDescription());
    }
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must be given");
    }
  }

  private static List<String> names(String field, List<String> values) {
    Objects.requireNonNull(values, field);
    for (String value : values) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(field + " holds an empty entry");
      }
    }
    return List.copyOf(values);
  }
}
