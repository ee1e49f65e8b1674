package io.modelmap.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardFiguresTest {
  @Test
  void shouldPrintEachInstanceAndEachShardsShareOfTheModels() {
    // 300 models: 90, 110 and 100 on shards 0, 1, 2 are 30.0 %, 36.7 % and 33.3 %; 3 MiB = 3,145,728 bytes
    ShardFigures figures = new ShardFigures(List.of(new ShardFigures.Instance(120, "1g", 400, 3_145_728),
        new ShardFigures.Instance(-1, "1g", 380, 1_572_864)), List.of(90, 110, 100));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    figures.print(new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(figures.shards()).isEqualTo(3);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains(
        "| 1 of 2 (-Xmx1g) | 120 MiB | 400 MiB | 3.0 MiB |",
        "| 2 of 2 (-Xmx1g) | -1 MiB | 380 MiB | 1.5 MiB |",
        "| shard (of 3) | models | share |",
        "| 0 | 90 | 30.0 % |", "| 1 | 110 | 36.7 % |", "| 2 | 100 | 33.3 % |");
  }
}
