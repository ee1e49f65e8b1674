package io.modelmap.scorer.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model sources are untrusted: only safetensors folders under the roots, within the size limit. */
class ModelSourcesTest {
  @TempDir
  Path dir;
  Path root;
  Path outside;

  @BeforeEach
  void folders() throws Exception {
    root = Files.createDirectories(dir.resolve("models"));
    outside = Files.createDirectories(dir.resolve("elsewhere"));
    Files.write(Files.createDirectories(root.resolve("good")).resolve("model.safetensors"), new byte[1000]);
    Files.writeString(root.resolve("good/config.json"), "{}");
    Files.write(outside.resolve("model.safetensors"), new byte[10]);
  }

  private Path resolve(String source) {
    return ModelSources.resolve(source, List.of(root), List.of(), 10_000);
  }

  @Test
  void acceptsTorchScriptOnlyUnderARootThatOptsIn() throws Exception {
    Path traced = Files.createDirectories(root.resolve("traced"));
    Files.write(traced.resolve("torchscript.pt"), new byte[100]);
    Files.writeString(traced.resolve("config.json"), "{}");
    assertThatThrownBy(() -> resolve("file:" + traced)).isInstanceOf(ModelSourceRefused.class)
        .hasMessageContaining("TorchScript").hasMessageContaining("--allow-torchscript-root");
    assertThat(ModelSources.resolve("file:" + traced, List.of(root), List.of(root), 10_000))
        .isEqualTo(traced.toRealPath());
    Files.write(traced.resolve("torchscript.pt"), new byte[20_000]);
    assertThatThrownBy(() -> ModelSources.resolve("file:" + traced, List.of(root), List.of(root), 10_000))
        .as("the traced file is read, so it counts toward the limit").hasMessageContaining("over the worker's limit");
  }

  @Test
  void acceptsASafetensorsFolderUnderARoot() throws Exception {
    assertThat(resolve("file:" + root.resolve("good"))).isEqualTo(root.resolve("good").toRealPath());
  }

  @Test
  void refusesTraversalSymlinkEscapesAndOtherSchemes() throws Exception {
    assertThatThrownBy(() -> resolve("file:" + root + "/../elsewhere")).isInstanceOf(ModelSourceRefused.class)
        .hasMessageContaining("outside the model roots");
    Files.createSymbolicLink(root.resolve("link"), outside);
    assertThatThrownBy(() -> resolve("file:" + root.resolve("link"))).isInstanceOf(ModelSourceRefused.class)
        .hasMessageContaining("after following links");
    assertThatThrownBy(() -> resolve("https://hub.example/model")).hasMessageContaining("only file: sources");
    assertThatThrownBy(() -> resolve("s3:bucket/model")).hasMessageContaining("only file: sources");
    assertThatThrownBy(() -> resolve("file:" + root.resolve("missing"))).hasMessageContaining("does not exist");
  }

  @Test
  void refusesAFileLinkedOutOfTheRootsInsideAnAllowedFolder() throws Exception {
    Path linked = Files.createDirectories(root.resolve("linked"));
    Files.write(linked.resolve("model.safetensors"), new byte[10]);
    Files.createSymbolicLink(linked.resolve("tokenizer.json"), outside.resolve("model.safetensors"));
    assertThatThrownBy(() -> resolve("file:" + linked)).isInstanceOf(ModelSourceRefused.class)
        .hasMessageContaining("tokenizer.json").hasMessageContaining("links outside the model roots");
  }

  @Test
  void acceptsFilesLinkedWithinTheRootsAsTheHuggingFaceCacheDoes() throws Exception {
    Path blobs = Files.createDirectories(root.resolve("hub/models--acme--tiny/blobs"));
    Path snapshot = Files.createDirectories(root.resolve("hub/models--acme--tiny/snapshots/4f2e1c0"));
    Files.write(blobs.resolve("a1b2"), new byte[100]);
    Files.createSymbolicLink(snapshot.resolve("model.safetensors"), Path.of("../../blobs/a1b2"));
    assertThat(resolve("file:" + snapshot)).isEqualTo(snapshot.toRealPath());
  }

  @Test
  void countsShardsInSubfoldersAndRefusesLinkedSubfolders() throws Exception {
    Path sharded = Files.createDirectories(root.resolve("sharded"));
    Files.write(sharded.resolve("model.safetensors"), new byte[10]);
    Files.write(Files.createDirectories(sharded.resolve("shards")).resolve("model-00001.safetensors"), new byte[20_000]);
    assertThatThrownBy(() -> resolve("file:" + sharded)).as("a shard in a subfolder counts toward the limit")
        .hasMessageContaining("over the worker's limit");
    Path withLinkedFolder = Files.createDirectories(root.resolve("with-linked-folder"));
    Files.write(withLinkedFolder.resolve("model.safetensors"), new byte[10]);
    Files.createSymbolicLink(withLinkedFolder.resolve("shards"), outside);
    assertThatThrownBy(() -> resolve("file:" + withLinkedFolder)).hasMessageContaining("linked folder shards");
  }

  @Test
  void refusesPickleOnlyCheckpointsAndOversizeFolders() throws Exception {
    Path pickled = Files.createDirectories(root.resolve("pickled"));
    Files.write(pickled.resolve("model.ckpt"), new byte[10]);
    assertThatThrownBy(() -> resolve("file:" + pickled)).isInstanceOf(ModelSourceRefused.class)
        .hasMessageContaining("neither .safetensors nor pytorch_model.bin").hasMessageContaining("convert them to safetensors");
    Path weightsOnly = Files.createDirectories(root.resolve("weights-only-pickle"));
    Files.write(weightsOnly.resolve("pytorch_model.bin"), new byte[10]);
    assertThat(resolve("file:" + weightsOnly)).as("pytorch_model.bin is read by the restricted reader").isNotNull();
    Path bigBin = Files.createDirectories(root.resolve("big-bin"));
    Files.write(bigBin.resolve("pytorch_model-00001-of-00002.bin"), new byte[20_000]);
    assertThatThrownBy(() -> resolve("file:" + bigBin)).as("read .bin weights count toward the limit")
        .hasMessageContaining("over the worker's limit");
    Path both = Files.createDirectories(root.resolve("both"));
    Files.write(both.resolve("pytorch_model.bin"), new byte[50_000]);
    Files.write(both.resolve("model.safetensors"), new byte[10]);
    assertThat(resolve("file:" + both)).as("the pickle file is never read, so it does not count").isNotNull();
    Path big = Files.createDirectories(root.resolve("big"));
    Files.write(big.resolve("model.safetensors"), new byte[20_000]);
    assertThatThrownBy(() -> resolve("file:" + big)).hasMessageContaining("over the worker's limit");
  }
}
