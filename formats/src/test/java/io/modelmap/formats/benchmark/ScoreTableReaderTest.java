package io.modelmap.formats.benchmark;

import io.modelmap.formats.FilePosition;
import io.modelmap.formats.BadInputFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.schemas.avro.BenchmarkScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreTableReaderTest {
  @TempDir
  Path dir;

  private Path write(String csv) throws IOException {
    return Files.writeString(dir.resolve("scores.csv"), csv);
  }

  @Test
  void readsEveryKnownCellAndSkipsEmptyOnes() throws IOException {
    List<BenchmarkScore> scores = ScoreTableReader.read(write("""
        model_id,arc_easy,piqa
        meta-llama/Llama-3.2-1B,0.654,
        "EleutherAI/pythia-160m@step143000",0.436,0.62
        """), 7);
    assertThat(scores).extracting(s -> s.getModelId() + " " + s.getBenchmarkId() + " " + s.getValue())
        .containsExactly("meta-llama/Llama-3.2-1B arc_easy 0.654", "EleutherAI/pythia-160m@step143000 arc_easy 0.436",
            "EleutherAI/pythia-160m@step143000 piqa 0.62");
    assertThat(scores).allSatisfy(s -> {
      assertThat(s.getSource()).isEqualTo("imported");
      assertThat(s.getRecordedAtMs()).isEqualTo(7);
    });
  }

  @Test
  void refusesTheFileNamingLineAndField() throws IOException {
    assertThatThrownBy(() -> ScoreTableReader.read(write("model_id,arc_easy\na/b,0.5\nc/d,n/a\n"), 0))
        .hasMessage("scores.csv line 3, field arc_easy: 'n/a' is not a number; write a number or leave the cell empty");
    assertThatThrownBy(() -> ScoreTableReader.read(write("model_id,arc_easy\na/b,NaN\n"), 0))
        .hasMessageStartingWith("scores.csv line 2, field arc_easy: NaN is not finite");
    assertThatThrownBy(() -> ScoreTableReader.read(write("model_id,arc_easy\na/b,0.5\na/b,0.6\n"), 0))
        .hasMessageStartingWith("scores.csv line 3, field model_id: a/b has a row already");
    assertThatThrownBy(() -> ScoreTableReader.read(write("model,arc_easy\na/b,0.5\n"), 0))
        .hasMessageStartingWith("scores.csv line 1: the header must be model_id,<benchmark>");
    assertThatThrownBy(() -> ScoreTableReader.read(write("model_id,arc_easy\n,0.5\n"), 0))
        .hasMessageStartingWith("scores.csv line 2, field model_id:");
  }

  @Test
  void aBadCellIsOneBadInputFileWhosePositionIsItsLineAndColumn() throws IOException {
    Path file = write("\uFEFFmodel_id,mmlu-pro,\"Größe, de\"\n\"acme/mix 50%, \"\"v2\"\"\",0.5,0.25\nQwen/Qwen2.5-0.5B,,x\n");

    assertThatThrownBy(() -> ScoreTableReader.read(file, 0)).isInstanceOf(BadInputFile.class)
        .extracting(e -> ((BadInputFile) e).position()).isEqualTo(new FilePosition("scores.csv", 3, "Größe, de"));
    Files.writeString(file, "model_id,mmlu-pro,\"Größe, de\"\n\"acme/mix 50%, \"\"v2\"\"\",0.5,0.25\n");
    assertThat(ScoreTableReader.read(file, 0)).extracting(s -> s.getModelId() + " " + s.getBenchmarkId() + " " + s.getValue())
        .containsExactly("acme/mix 50%, \"v2\" mmlu-pro 0.5", "acme/mix 50%, \"v2\" Größe, de 0.25");
  }
}
