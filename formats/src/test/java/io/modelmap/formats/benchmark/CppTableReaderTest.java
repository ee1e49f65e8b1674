package io.modelmap.formats.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.math.collab.HeldOutProtocol;
import io.modelmap.math.collab.HeldOutQuality;
import io.modelmap.math.collab.NeuralCollaborativeFiltering;
import io.modelmap.math.collab.ScoreMatrix;
import io.modelmap.math.collab.TrainingSettings;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CppTableReaderTest {
  @TempDir
  Path dir;

  @Test
  void readsThePapersTablesWithTheirFactors() throws Exception {
    CppTableReader.CppTables t = read();
    assertThat(t.scores().models()).hasSize(72).startsWith("LLama-2-7B", "LLama-2-13B");
    assertThat(t.scores().tasks()).hasSize(29).startsWith("BoolQ(0-shot)").endsWith("WSC");
    assertThat(t.scores().knownCells()).hasSize(878);
    assertThat(t.scores().score(0, 0)).isEqualTo(77.4);
    assertThat(t.modelsWithoutFactors()).containsExactly("Luminous Base-13B", "Luminous Extended-30B",
        "Luminous Supreme-70B");
    // LLama-2-7B: 2,000 B tokens, 7,000 M parameters; its family is the first value of the family column
    assertThat(t.factors().modelNumeric()[0][0]).isEqualTo(Math.log1p(2000));
    assertThat(t.factors().modelNumeric()[0][1]).isEqualTo(Math.log1p(7000));
    assertThat(t.factors().modelCategorical()[0][0]).isZero();
    // tasks: 4 factors; BoolQ and WinoGrande differ in ability and family
    assertThat(t.factors().taskCategorical()[0]).hasSize(4);
    assertThat(t.factors().taskCategorical()[0][0]).isNotEqualTo(t.factors().taskCategorical()[2][0]);
  }

  @Test
  void factorEnhancedNcfPredictsHeldOutScoresBetterThanEachTasksMean() throws Exception {
    CppTableReader.CppTables t = read();
    ScoreMatrix scores = t.scores();
    HeldOutQuality ncf = HeldOutProtocol.run(scores, (cells, seed) -> NeuralCollaborativeFiltering.fit(
        72, 29, NeuralCollaborativeFiltering.Variant.IDS_AND_FACTORS, t.factors(), cells,
        new TrainingSettings(150, 16, 0.003, 1e-4, 10, seed)), 0.05, 1);
    // the baseline, computed here: each held-out cell predicted by its task's mean normalised training score
    HeldOutQuality taskMean = HeldOutProtocol.run(scores, (cells, seed) -> {
      Map<Integer, double[]> sums = new HashMap<>();
      cells.forEach(c -> {
        double[] s = sums.computeIfAbsent(c.task(), k -> new double[2]);
        s[0] += c.value();
        s[1]++;
      });
      return (m, task) -> sums.containsKey(task) ? sums.get(task)[0] / sums.get(task)[1] : 0.5;
    }, 0.05, 1);
    assertThat(ncf.cells()).isEqualTo(taskMean.cells()).isEqualTo(44); // 5 % of 878, the same cells
    assertThat(ncf.mse()).as("NCF + factors against the task means (%s)", taskMean.mse()).isLessThan(0.7 * taskMean.mse());
  }

  @Test
  void aScoreThatIsNotANumberNamesItsFileLineAndTask() throws IOException {
    Path scores = Files.writeString(dir.resolve("scores.csv"), ",BoolQ(0-shot),ARC-e\nm1,77.4,\nm2,n/a,50\n");
    Path models = Files.writeString(dir.resolve("models.csv"), "Model Name," + String.join(",",
        CppTableReader.NUMERICAL) + "," + String.join(",", CppTableReader.CATEGORICAL) + "\n");
    Path tasks = Files.writeString(dir.resolve("tasks.csv"), ",BoolQ(0-shot),ARC-e\nability,a,b\n");
    assertThatThrownBy(() -> CppTableReader.read(scores, models, tasks)).isInstanceOf(IOException.class)
        .hasMessage("scores.csv line 3, field BoolQ(0-shot): 'n/a' is not a finite number; write a number or leave"
            + " the cell empty");
  }

  private static CppTableReader.CppTables read() throws IOException, URISyntaxException {
    Path data = Path.of(CppTableReaderTest.class.getResource("/data/cpp/README.md").toURI()).getParent();
    return CppTableReader.read(data.resolve("crowdsource_performance.csv"), data.resolve("model_feature.csv"),
        data.resolve("benchmark_feature.csv"));
  }
}
