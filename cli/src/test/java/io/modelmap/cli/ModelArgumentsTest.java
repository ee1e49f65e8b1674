package io.modelmap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.cli.hub.HubModels;
import io.modelmap.cli.hub.LocalModels;
import io.modelmap.cli.runtime.LocalPipeline.LocalModel;
import io.modelmap.cli.support.UsageError;
import io.modelmap.hub.HubSettings;
import io.modelmap.testsupport.hub.StandInHub;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The forms of {@code map --model}: ID=DIR, and Hub ids fetched from the stand-in on loopback. */
class ModelArgumentsTest {
  @TempDir
  Path home;
  @RegisterExtension
  final StandInHub hub = new StandInHub();
  ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @BeforeEach
  void startHub() {
    hub.repo("org/tiny").branch("v2", hub.commit());
  }

  private HubModels hubModels() {
    HubSettings settings = new HubSettings(home, home.resolve("hub"), hub.endpoint(), Optional.empty(), false);
    return new HubModels(settings, 10_000_000, new PrintStream(printed, true, StandardCharsets.UTF_8), false);
  }

  @Test
  void shouldMapAHubIdAtTheDefaultBranchUnderItsRepositoryAndAnotherRevisionUnderIdAtRevision() throws Exception {
    List<LocalModel> models = LocalModels.resolve(List.of("org/tiny@main", "org/tiny@v2"), List.of(), hubModels());

    assertThat(models).extracting(LocalModel::id).containsExactly("org/tiny", "org/tiny@v2");
    assertThat(models).extracting(LocalModel::sourceUri).containsOnly("hf://org/tiny");
    assertThat(models).extracting(LocalModel::revision).containsOnly(hub.commit());
    assertThat(models.get(0).dir()).isEqualTo(home.resolve("hub/models--org--tiny/snapshots/" + hub.commit()));
    assertThat(models.get(0).family()).isEqualTo("llama");
  }

  @Test
  void shouldSayWhichModelsWereDownloadedAndWhichCameFromTheCache() throws Exception {
    LocalModels.resolve(List.of("org/tiny"), List.of(), hubModels());
    LocalModels.resolve(List.of("org/tiny"), List.of(), hubModels());

    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(output).contains("org/tiny@main: commit " + hub.commit() + ", downloaded 3 of 3 files")
        .contains("org/tiny@main: commit " + hub.commit() + ", from the cache")
        .containsPattern("model\\.safetensors: 142\\.2 kB of 142\\.2 kB, [0-9.]+ [kMG]?B/s, [0-9.]+ s");
  }

  @Test
  void shouldKeepIdEqualsDirAsAFolderEvenWithARevisionInTheId() throws Exception {
    Path dir = Files.createDirectories(home.resolve("ckpt"));
    Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"gpt2\"}");

    List<LocalModel> models = LocalModels.resolve(List.of("acme/tiny@v2=" + dir), List.of(), hubModels());

    assertThat(models).extracting(LocalModel::id, LocalModel::sourceUri, LocalModel::revision)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("acme/tiny@v2", "file:" + dir.toAbsolutePath(), null));
    assertThat(hub.requests()).isEmpty();
  }

  @Test
  void shouldRefuseTheSameModelGivenTwiceBeforeAnyRequest() {
    assertThatThrownBy(() -> LocalModels.resolve(List.of("org/tiny", "org/tiny@main"), List.of(), hubModels()))
        .isInstanceOf(UsageError.class).hasMessageContaining("'org/tiny' is given twice");
    assertThat(hub.requests()).isEmpty();
  }

  @Test
  void shouldRefuseAnInvalidHubIdInOneLine() {
    assertThatThrownBy(() -> LocalModels.resolve(List.of("org/../tiny"), List.of(), hubModels()))
        .isInstanceOf(UsageError.class).hasMessageStartingWith("--model 'org/../tiny': neither ID=DIR nor a Hub id");
  }

  @Test
  void shouldRefuseAHubIdWhereOnlyFoldersAreAccepted() {
    assertThatThrownBy(() -> LocalModels.resolve(List.of("org/tiny"), List.of()))
        .isInstanceOf(UsageError.class).hasMessageContaining("expected ID=DIR");
  }

  @Test
  void shouldReadTheHubEnvironmentGivenToTheCommandLineNotTheProcesses() {
    MapCommand map = ModelMapCli.commandLine(Map.of("HF_HOME", home.toString(), "HF_ENDPOINT", hub.endpoint(),
        "HF_HUB_OFFLINE", "1")).getSubcommands().get("map").getCommand();

    HubSettings settings = map.hub.settings();

    assertThat(settings.cache()).isEqualTo(home.resolve("hub"));
    assertThat(settings.endpoint()).isEqualTo(hub.endpoint());
    assertThat(settings.offline()).isTrue();
  }
}
