package io.modelmap.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.hub.ListedModel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each rule skips what it should, naming itself; config.json is only read when all else passes. */
class RuleCheckTest {
  private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

  private static WatchRules rules(String... yamlLines) throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("rules", ".yaml");
    try {
      java.nio.file.Files.writeString(file, "corpus: docs\n" + String.join("\n", yamlLines) + "\n");
      return RulesFile.read(file, List.of("gpt2", "llama"));
    } finally {
      java.nio.file.Files.delete(file);
    }
  }

  private static ListedModel model(String id, long parameters, String license, boolean gated) {
    return new ListedModel(id, "a".repeat(40), T, T, Optional.of("text-generation"), List.of(),
        Optional.of("transformers"), gated, false, parameters < 0 ? OptionalLong.empty() : OptionalLong.of(parameters),
        Optional.ofNullable(license));
  }

  private static Verdict check(WatchRules rules, ListedModel model, String modelType) {
    return new RuleCheck(rules, false).check(model, () -> Optional.ofNullable(modelType));
  }

  @Test
  void shouldRegisterAModelEveryRulePasses() throws Exception {
    Verdict verdict = check(rules("max-parameters: 1000", "licenses: [mit]"), model("org/ok", 1000, "mit", false),
        "llama");
    assertThat(verdict).isEqualTo(new Verdict(true, "all-rules", "model_type llama, 1000 parameters, licence mit"));
  }

  @Test
  void shouldSkipEachRuleWithItsNameAndReason() throws Exception {
    assertThat(check(rules("skip-organizations: [spam]"), model("spam/x", 1, "mit", false), "llama"))
        .isEqualTo(new Verdict(false, "skip-organizations", "author spam is in skip-organizations"));
    assertThat(check(rules("organizations: [good]"), model("other/x", 1, "mit", false), "llama"))
        .isEqualTo(new Verdict(false, "organizations", "author other is not in organizations [good]"));
    assertThat(check(rules("name-patterns: ['.*-instruct']"), model("org/base", 1, "mit", false), "llama"))
        .isEqualTo(new Verdict(false, "name-patterns", "org/base matches none of [.*-instruct]"));
    assertThat(check(rules("licenses: [mit]"), model("org/x", 1, "llama3", false), "llama"))
        .isEqualTo(new Verdict(false, "licenses", "licence llama3 is not in licenses [mit]"));
    assertThat(check(rules("licenses: [mit]"), model("org/x", 1, null, false), "llama").reason())
        .isEqualTo("licence (none given) is not in licenses [mit]");
    assertThat(check(rules(), model("org/x", 1, "mit", true), "llama"))
        .isEqualTo(new Verdict(false, "gated", "gated, and the rules say gated: false"));
    assertThat(check(rules("gated: true"), model("org/x", 1, "mit", true), "llama"))
        .isEqualTo(new Verdict(false, "gated", "gated, and HF_TOKEN is not set"));
    assertThat(check(rules("max-parameters: 999"), model("org/x", 1000, "mit", false), "llama"))
        .isEqualTo(new Verdict(false, "max-parameters", "1000 parameters, more than 999"));
    assertThat(check(rules("max-parameters: 999"), model("org/x", -1, "mit", false), "llama"))
        .isEqualTo(new Verdict(false, "max-parameters", "the Hub gives no parameter count (no safetensors metadata)"));
    assertThat(check(rules(), model("org/x", 1, "mit", false), "mamba"))
        .isEqualTo(new Verdict(false, "architectures", "model_type mamba is not in architectures"));
    assertThat(check(rules(), model("org/x", 1, "mit", false), null))
        .isEqualTo(new Verdict(false, "architectures", "config.json names no model_type"));
  }

  @Test
  void shouldRegisterAGatedModelWhenTheRulesAllowItAndATokenIsSet() throws Exception {
    Verdict verdict = new RuleCheck(rules("gated: true"), true).check(model("org/x", 1, "mit", true),
        () -> Optional.of("gpt2"));
    assertThat(verdict.register()).isTrue();
  }

  @Test
  void shouldNotReadConfigJsonForAModelACheaperRuleSkips() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    new RuleCheck(rules("licenses: [mit]"), false).check(model("org/x", 1, "gpl", false), () -> {
      reads.incrementAndGet();
      return Optional.of("llama");
    });
    assertThat(reads).hasValue(0);
  }
}
