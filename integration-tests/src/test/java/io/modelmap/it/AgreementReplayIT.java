package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelmap.cli.ModelMapCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code modelmap import-answers --embedded --export-to}: the real MMLU-Pro answers of 29 models go
 * through a real KRaft broker into the aggregator; every exported pairwise statistic equals an
 * independent batch computation of DESIGN.md §3 on the same table, count for count.
 */
class AgreementReplayIT {
  @TempDir
  Path dir;

  /** The answer table as parsed here, independently of the importer. */
  private record Table(List<String> models, int[] choices, int[] gold, int[][] answers) {
    static final int MISSING = AgreementBatch.MISSING;

    static Table read(Path file) throws Exception {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<String> header = Arrays.asList(lines.get(0).split(","));
      List<String> models = header.subList(4, header.size());
      int m = lines.size() - 1;
      int[] choices = new int[m];
      int[] gold = new int[m];
      int[][] answers = new int[models.size()][m];
      for (int i = 0; i < m; i++) {
        String[] f = lines.get(i + 1).split(",", -1);
        choices[i] = Integer.parseInt(f[2]);
        gold[i] = Integer.parseInt(f[3]);
        for (int k = 0; k < models.size(); k++) {
          int chosen = f[4 + k].isEmpty() ? MISSING : Integer.parseInt(f[4 + k]);
          answers[k][i] = chosen >= choices[i] ? -1 : chosen; // names no option: unreadable, as the README says
        }
      }
      return new Table(models, choices, gold, answers);
    }
  }

  /** DESIGN.md §3 for one pair, straight from the definitions. */
  private static double[] batchStatistics(Table t, int a, int b) {
    return AgreementBatch.statistics(t.choices(), t.gold(), t.answers(), a, b);
  }

  @Test
  void everyPairEqualsTheBatchDefinitionsAndAgreesAboveChanceWhenBothWrong() throws Exception {
    Path csv = dir.resolve("mmlu-pro-answers.csv");
    Files.copy(Path.of(getClass().getResource("/data/mmlu-pro-answers.csv").toURI()), csv);
    Table table = Table.read(csv);

    int exit = ModelMapCli.commandLine().execute("import-answers", "--embedded", "--data-dir",
        dir.resolve("system").toString(), "--answers", csv.toString(), "--benchmark-id", "mmlu-pro",
        "--export-to", dir.resolve("out").toString(), "--judge", "gemini-1.5-pro-002", "--timeout", "PT5M");
    assertThat(exit).isZero();

    List<String[]> rows = ExportedCsv.rows(dir.resolve("out/agreement.csv"));
    int k = table.models().size();
    assertThat(rows).hasSize(k * (k - 1) / 2);
    double rateSum = 0;
    double baselineSum = 0;
    for (String[] row : rows) {
      assertThat(row[0].compareTo(row[1])).isNegative();
      double[] expected = batchStatistics(table, table.models().indexOf(row[0]), table.models().indexOf(row[1]));
      for (int c = 0; c < 7; c++) {
        assertThat(Long.parseLong(row[2 + c])).as("%s/%s column %d", row[0], row[1], c).isEqualTo((long) expected[c]);
      }
      for (int c = 7; c < 12; c++) {
        assertThat(Double.parseDouble(row[2 + c])).as("%s/%s column %d", row[0], row[1], c)
            .isCloseTo(expected[c], within(1e-12 * Math.abs(expected[c])));
      }
      assertThat(expected[10]).as("agreement when both wrong of %s/%s above its baseline", row[0], row[1])
          .isGreaterThan(expected[11]);
      rateSum += expected[10];
      baselineSum += expected[11];
    }
    System.out.printf("MMLU-Pro, %d models, %d pairs: mean agreement when both wrong %.4f, mean random baseline"
        + " %.4f%n", k, rows.size(), rateSum / rows.size(), baselineSum / rows.size());

    List<String[]> accuracy = ExportedCsv.rows(dir.resolve("out/accuracy.csv"));
    assertThat(accuracy).hasSize(k);
    for (String[] row : accuracy) {
      int m = table.models().indexOf(row[0]);
      long answered = Arrays.stream(table.answers()[m]).filter(x -> x != Table.MISSING).count();
      long correct = 0;
      for (int i = 0; i < table.gold().length; i++) {
        correct += table.answers()[m][i] == table.gold()[i] ? 1 : 0;
      }
      assertThat(Long.parseLong(row[1])).isEqualTo(answered);
      assertThat(Long.parseLong(row[2])).isEqualTo(correct);
    }
  }
}
