package io.modelmap.schemas.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.schemas.key.Ids.Kind;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void shouldAcceptHuggingFaceIdsWithAndWithoutRevision() {
    assertThat(Ids.problem(Kind.MODEL, "meta-llama/Llama-3.2-1B")).isEmpty();
    assertThat(Ids.problem(Kind.MODEL, "stabilityai/stablelm-2-1_6b")).isEmpty();
    assertThat(Ids.problem(Kind.MODEL, "EleutherAI/pythia-160m@step143000")).isEmpty();
    assertThat(Ids.problem(Kind.MODEL, "my model (v2) — ünïcödé 😀")).isEmpty();
  }

  @Test
  void shouldAcceptTextIdsWithSpacesQuotesCommasAndNonAscii() {
    assertThat(Ids.problem(Kind.TEXT, "Pile-CC 00.jsonl:17, \"quoted\" Größe#3")).isEmpty();
  }

  @Test
  void shouldRefuseEmptyBlankAndControlCharactersWithTheRule() {
    assertThat(Ids.problem(Kind.MODEL, "")).get().asString().contains("model id is empty", "1-256 characters");
    assertThat(Ids.problem(Kind.MODEL, "  ")).get().asString().contains("is empty");
    assertThat(Ids.problem(Kind.MODEL, "a\tb")).get().asString().contains("U+0009 at 1", "no control characters");
    assertThat(Ids.problem(Kind.TEXT, "line\nbreak")).get().asString().contains("text id", "U+000A");
    assertThat(Ids.problem(Kind.MODEL, "a\u0000b")).get().asString().contains("U+0000");
  }

  @Test
  void shouldRefuseLoneSurrogatesButNotPairs() {
    assertThat(Ids.problem(Kind.MODEL, "x\uD83D")).get().asString().contains("lone surrogate at 1");
    assertThat(Ids.problem(Kind.MODEL, "\uDE00x")).get().asString().contains("lone surrogate at 0");
    assertThat(Ids.problem(Kind.MODEL, "\uD83D\uDE00")).isEmpty();
  }

  @Test
  void shouldRefuseIdsOverTheirKindsLength() {
    assertThat(Ids.problem(Kind.MODEL, "m".repeat(256))).isEmpty();
    assertThat(Ids.problem(Kind.MODEL, "m".repeat(257))).get().asString().contains("257 characters long");
    assertThat(Ids.problem(Kind.TEXT, "t".repeat(4096))).isEmpty();
    assertThat(Ids.problem(Kind.TEXT, "t".repeat(4097))).isPresent();
  }

  @Test
  void requireShouldThrowTheProblem() {
    assertThatThrownBy(() -> Ids.require(Kind.BENCHMARK, "")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("benchmark id is empty");
    assertThat(Ids.require(Kind.MODEL, "org/name")).isEqualTo("org/name");
  }
}
