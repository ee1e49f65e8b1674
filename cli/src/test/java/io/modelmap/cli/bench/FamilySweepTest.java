package io.modelmap.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.modelmap.scorer.demo.RandomGpt2;
import io.modelmap.scorer.model.CheckpointShapes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench-scorer --models-dir on tiny random checkpoints: one row per folder and round, a summary, failures named. */
class FamilySweepTest {
  @TempDir
  Path dir;

  private static final List<String> TEXTS = List.of("The quiet river carries the old letter downstream. ".repeat(4),
      "Größe, naïve café ✓ ".repeat(6));

  @Test
  void everyFolderGetsARowPerRoundAndOneSummaryRow() throws Exception {
    RandomGpt2.write(Files.createDirectories(dir.resolve("a")), 300, 32, 2, 4, 512, 1);
    RandomGpt2.write(Files.createDirectories(dir.resolve("b")), 300, 48, 1, 4, 512, 2);
    Files.createDirectories(dir.resolve("notes")); // no config.json: not a checkpoint
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    int failed = new FamilySweep(Device.cpu(), "float32", 1, 1, new PrintStream(bytes, true, StandardCharsets.UTF_8))
        .run(dir, TEXTS, 2);

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(failed).isZero();
    assertThat(out).contains("Machine: ", "FLOP per token = ");
    assertThat(out.lines().filter(l -> l.matches("\\| [12] \\| gpt2 \\(\\w\\) \\|.*"))).hasSize(4);
    assertThat(out.lines().filter(l -> l.startsWith("| gpt2 ("))).hasSize(2);
    assertThat(out).doesNotContain("notes");
  }

  @Test
  void aFolderThatCannotLoadIsNamedAndCounted() throws Exception {
    RandomGpt2.write(Files.createDirectories(dir.resolve("gpt2")), 300, 32, 1, 4, 512, 1);
    Path rwkv = Files.createDirectories(dir.resolve("rwkv"));
    Files.writeString(rwkv.resolve("config.json"), "{\"model_type\": \"rwkv\"}");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    int failed = new FamilySweep(Device.cpu(), "float32", 1, 1, new PrintStream(bytes, true, StandardCharsets.UTF_8))
        .run(dir, TEXTS, 2);

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(failed).isEqualTo(1);
    assertThat(out.lines().filter(l -> l.startsWith("| 1 | rwkv | failed: ") && l.contains("recurrent"))).hasSize(1);
    assertThat(out.lines().filter(l -> l.startsWith("| 2 | rwkv"))).isEmpty(); // not retried
    assertThat(out.lines().filter(l -> l.startsWith("| gpt2 |"))).hasSize(1);
  }

  @Test
  void aRandomGpt2CostsGpt2sTextbookCount() throws Exception {
    // 24·width² per layer, 4·length·width attention, 2·width·vocab logits (the count bench-scorer used before)
    Path folder = RandomGpt2.write(Files.createDirectories(dir.resolve("m")), 300, 32, 2, 4, 512, 1);
    ModelShape shape = ModelShape.of(new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(folder.resolve("config.json").toFile()), CheckpointShapes.of(folder), 100);

    assertThat(shape.flopsPerToken()).isEqualTo(2 * (24.0 * 32 * 32 + 4.0 * 100 * 32) + 2.0 * 32 * 300);
  }
}
