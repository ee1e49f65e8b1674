package io.modelmap.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ids checked as validate_repo_id checks them, revisions after '@'. */
class HubModelIdTest {
  @Test
  void shouldDefaultToMain() {
    assertThat(HubModelId.parse("Qwen/Qwen2.5-0.5B")).isEqualTo(new HubModelId("Qwen/Qwen2.5-0.5B", "main"));
  }

  @Test
  void shouldReadTheRevisionAfterTheAt() {
    assertThat(HubModelId.parse("meta-llama/Llama-3.2-1B@v1.0").revision()).isEqualTo("v1.0");
    assertThat(HubModelId.parse("org/name@refs/pr/1").revision()).isEqualTo("refs/pr/1");
    HubModelId pinned = HubModelId.parse("org/name@0123456789abcdef0123456789abcdef01234567");
    assertThat(pinned.pinned()).isTrue();
    assertThat(HubModelId.parse("org/name@main").pinned()).isFalse();
  }

  @Test
  void shouldNameTheCacheFolderAsHuggingfaceHubDoes() {
    assertThat(HubModelId.parse("org/name@x").folderName()).isEqualTo("models--org--name");
    assertThat(HubModelId.parse("gpt2").folderName()).isEqualTo("models--gpt2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/b/c", "org/na--me", "org/na..me", "org/name.git", "-org/name", "org/name-", "org/",
      "/name", "org/na me", "org/name!", ""})
  void shouldRefuseWhatValidateRepoIdRefuses(String repo) {
    assertThatThrownBy(() -> HubModelId.parse(repo)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("repo id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"org/name@", "org/name@../../etc", "org/name@/abs", "org/name@a b", "org/name@a\\b"})
  void shouldRefuseARevisionThatCouldLeaveTheRefsFolder(String text) {
    assertThatThrownBy(() -> HubModelId.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("revision of org/name");
  }

  @Test
  void shouldAcceptNamesValidateRepoIdAccepts() {
    assertThat(HubModelId.parse("EleutherAI/pythia-70m_v0.1").repo()).isEqualTo("EleutherAI/pythia-70m_v0.1");
    assertThat(HubModelId.parse("gpt2").repo()).isEqualTo("gpt2");
  }
}
