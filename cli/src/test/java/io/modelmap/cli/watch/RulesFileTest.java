package io.modelmap.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules file read into typed rules, and each mistake said in one line naming the file, line and field. */
class RulesFileTest {
  private static final List<String> SCORER = List.of("gpt2", "llama");

  @TempDir
  Path dir;

  private Path write(String yaml) throws Exception {
    return Files.writeString(dir.resolve("rules.yaml"), yaml);
  }

  @Test
  void shouldReadEveryFieldOfAYamlFile() throws Exception {
    WatchRules rules = RulesFile.read(write("""
        pipeline-tag: text-generation
        organizations: [Qwen, meta-llama]
        skip-organizations: [spam]
        name-patterns: ["(?i).*-instruct"]
        max-parameters: 2000000000
        licenses: [apache-2.0, mit]
        gated: true
        architectures: [llama]
        corpus: pile-10k
        benchmarks: [mmlu]
        dtype: bfloat16
        models-per-hour: 3
        since: 2026-12-01T00:00:00Z
        """), SCORER);

    assertThat(rules.organizations()).containsExactly("Qwen", "meta-llama");
    assertThat(rules.skipOrganizations()).containsExactly("spam");
    assertThat(rules.namePatterns()).extracting(Pattern::pattern).containsExactly("(?i).*-instruct");
    assertThat(rules.maxParameters()).isEqualTo(OptionalLong.of(2_000_000_000L));
    assertThat(rules.licenses()).containsExactly("apache-2.0", "mit");
    assertThat(rules.gated()).isTrue();
    assertThat(rules.architectures()).containsExactly("llama");
    assertThat(rules.corpus()).isEqualTo("pile-10k");
    assertThat(rules.benchmarks()).containsExactly("mmlu");
    assertThat(rules.dtype()).isEqualTo("bfloat16");
    assertThat(rules.modelsPerHour()).isEqualTo(3);
    assertThat(rules.since()).contains(Instant.parse("2026-12-01T00:00:00Z"));
  }

  @Test
  void shouldGiveTheDefaultsToAFileNamingOnlyTheCorpusInJson() throws Exception {
    WatchRules rules = RulesFile.read(write("{\"corpus\": \"docs\"}"), SCORER);

    assertThat(rules.pipelineTag()).isEqualTo("text-generation");
    assertThat(rules.architectures()).containsExactly("gpt2", "llama");
    assertThat(rules.organizations()).isEmpty();
    assertThat(rules.maxParameters()).isEmpty();
    assertThat(rules.gated()).isFalse();
    assertThat(rules.dtype()).isEqualTo("float32");
    assertThat(rules.modelsPerHour()).isEqualTo(10);
    assertThat(rules.since()).isEmpty();
  }

  @Test
  void shouldNameTheLineAndTheKnownFieldsForAnUnknownField() throws Exception {
    Path file = write("corpus: docs\nmax-params: 5\n");
    assertThatThrownBy(() -> RulesFile.read(file, SCORER)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(file + " line 2: unknown field 'max-params' (known: ")
        .hasMessageContaining("max-parameters").hasMessageNotContaining("\n");
  }

  @Test
  void shouldNameTheFieldOfAValueOfTheWrongType() throws Exception {
    Path file = write("corpus: docs\nmodels-per-hour: many\n");
    assertThatThrownBy(() -> RulesFile.read(file, SCORER)).hasMessageStartingWith(file + " line 2: models-per-hour: ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void shouldNameTheFieldARuleRefuses() throws Exception {
    assertThatThrownBy(() -> RulesFile.read(write("corpus: docs\nmodels-per-hour: 0\n"), SCORER))
        .hasMessage(dir.resolve("rules.yaml") + ": models-per-hour must be at least 1, was 0");
    assertThatThrownBy(() -> RulesFile.read(write("max-parameters: 10\n"), SCORER))
        .hasMessage(dir.resolve("rules.yaml") + ": corpus must be given");
    assertThatThrownBy(() -> RulesFile.read(write("corpus: docs\nname-patterns: ['(unclosed']\n"), SCORER))
        .hasMessageStartingWith(dir.resolve("rules.yaml") + ": name-patterns: '(unclosed' is no regular expression");
    assertThatThrownBy(() -> RulesFile.read(write("corpus: docs\nsince: yesterday\n"), SCORER))
        .hasMessageStartingWith(dir.resolve("rules.yaml") + ": since must be an ISO-8601 instant");
    assertThatThrownBy(() -> RulesFile.read(write("corpus: docs\ndtype: int8\n"), SCORER))
        .hasMessage(dir.resolve("rules.yaml") + ": dtype must be one of [float32, float16, bfloat16], was 'int8'");
  }

  @Test
  void shouldSayAMissingFileInOneLine() {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> RulesFile.read(missing, SCORER)).hasMessage(missing + ": no such file");
  }
}
