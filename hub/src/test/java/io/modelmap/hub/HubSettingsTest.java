package io.modelmap.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The environment read as huggingface_hub's constants.py and utils/_auth.py read it. */
class HubSettingsTest {
  @TempDir
  Path userHome;

  HubSettings from(Map<String, String> env) {
    return HubSettings.fromEnvironment(env, userHome);
  }

  @Test
  void shouldDefaultToTheCacheUnderTheHomeFolderAndTheHubItself() {
    HubSettings settings = from(Map.of());

    assertThat(settings.home()).isEqualTo(userHome.resolve(".cache/huggingface"));
    assertThat(settings.cache()).isEqualTo(userHome.resolve(".cache/huggingface/hub"));
    assertThat(settings.endpoint()).isEqualTo("https://huggingface.co");
    assertThat(settings.token()).isEmpty();
    assertThat(settings.offline()).isFalse();
  }

  @Test
  void shouldPutTheHomeUnderXdgCacheHome() {
    assertThat(from(Map.of("XDG_CACHE_HOME", "/xdg")).cache()).isEqualTo(Path.of("/xdg/huggingface/hub"));
  }

  @Test
  void shouldPutTheCacheUnderHfHomeUnlessHfHubCacheSaysOtherwise() {
    assertThat(from(Map.of("HF_HOME", "/data/hf")).cache()).isEqualTo(Path.of("/data/hf/hub"));
    assertThat(from(Map.of("HF_HOME", "/data/hf", "HF_HUB_CACHE", "/fast/hub")).cache())
        .isEqualTo(Path.of("/fast/hub"));
    assertThat(from(Map.of("HUGGINGFACE_HUB_CACHE", "/legacy")).cache()).isEqualTo(Path.of("/legacy"));
    assertThat(from(Map.of("HUGGINGFACE_HUB_CACHE", "/legacy", "HF_HUB_CACHE", "/new")).cache())
        .isEqualTo(Path.of("/new"));
  }

  @Test
  void shouldExpandTheHomeFolderAndVariablesInPaths() {
    assertThat(from(Map.of("HF_HOME", "~/hf")).home()).isEqualTo(userHome.resolve("hf"));
    assertThat(from(Map.of("HF_HUB_CACHE", "$DATA/hub", "DATA", "/mnt")).cache()).isEqualTo(Path.of("/mnt/hub"));
    assertThat(from(Map.of("HF_HUB_CACHE", "${DATA}/hub", "DATA", "/mnt")).cache()).isEqualTo(Path.of("/mnt/hub"));
    assertThat(from(Map.of("HF_HUB_CACHE", "$UNSET/hub")).cache()).isEqualTo(Path.of("$UNSET/hub"));
  }

  @Test
  void shouldStripTrailingSlashesOfTheEndpoint() {
    assertThat(from(Map.of("HF_ENDPOINT", "http://mirror.internal:8080//")).endpoint())
        .isEqualTo("http://mirror.internal:8080");
  }

  @Test
  void shouldRefuseAnEndpointThatIsNoHttpUrl() {
    assertThatThrownBy(() -> from(Map.of("HF_ENDPOINT", "ftp://mirror"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("HF_ENDPOINT must be an http(s) URL, was 'ftp://mirror'");
  }

  @Test
  void shouldRefuseAnEndpointThatIsNoUriAtAllNamingHfEndpoint() {
    assertThatThrownBy(() -> from(Map.of("HF_ENDPOINT", "http://mirror internal:8080")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("HF_ENDPOINT must be an http(s) URL, was 'http://mirror internal:8080'");
  }

  @Test
  void shouldTakeTheTokenFromTheEnvironmentFirstThenTheTokenFile() throws Exception {
    Path home = Files.createDirectories(userHome.resolve("hf"));
    Files.writeString(home.resolve("token"), "hf_from_file\n");

    assertThat(from(Map.of("HF_HOME", home.toString())).token()).contains("hf_from_file");
    assertThat(from(Map.of("HF_HOME", home.toString(), "HF_TOKEN", "  hf_env  ")).token()).contains("hf_env");
    assertThat(from(Map.of("HF_HOME", home.toString(), "HF_TOKEN", "")).token()).contains("hf_from_file");
    assertThat(from(Map.of("HUGGING_FACE_HUB_TOKEN", "hf_legacy")).token()).contains("hf_legacy");
    assertThat(from(Map.of("HF_TOKEN", " ")).token()).isEmpty();
  }

  @Test
  void shouldReadTheTokenFileHfTokenPathNames() throws Exception {
    Path file = Files.writeString(userHome.resolve("elsewhere"), "hf_elsewhere");

    assertThat(from(Map.of("HF_TOKEN_PATH", file.toString())).token()).contains("hf_elsewhere");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "ON", "on", "YES", "yes", "TRUE", "True", "true"})
  void shouldBeOfflineForTheValuesHuggingfaceHubTakesAsTrue(String value) {
    assertThat(from(Map.of("HF_HUB_OFFLINE", value)).offline()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "false", "no", "off", "", "2", "y", " 1"})
  void shouldStayOnlineForAnyOtherValue(String value) {
    assertThat(from(Map.of("HF_HUB_OFFLINE", value)).offline()).isFalse();
  }

  @Test
  void shouldBeOfflineWhenTransformersOfflineIsSet() {
    assertThat(from(Map.of("TRANSFORMERS_OFFLINE", "1")).offline()).isTrue();
    assertThat(from(Map.of("HF_HUB_OFFLINE", "", "TRANSFORMERS_OFFLINE", "1")).offline()).isTrue();
  }

  @Test
  void shouldNeverPrintTheToken() {
    assertThat(from(Map.of("HF_TOKEN", "hf_secret")).toString()).doesNotContain("hf_secret").contains("token=(set)");
  }

  @Test
  void shouldTreatAnEmptyTokenAsNone() {
    assertThat(new HubSettings(userHome, userHome, "http://x", Optional.empty(), false).token()).isEmpty();
    assertThatThrownBy(() -> new HubSettings(userHome, userHome, "http://x", Optional.of(" "), false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
