package io.modelmap.cli.runtime;

import io.modelmap.math.agreement.JudgeInflation;
import io.modelmap.math.agreement.JudgeTable;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.TopicReader;
import io.modelmap.schemas.avro.AgreementPartner;
import io.modelmap.schemas.avro.ErrorAgreement;
import io.modelmap.schemas.avro.ModelAccuracy;
import io.modelmap.cli.terminal.Plural;
import io.modelmap.cli.terminal.TextTable;
import io.modelmap.cli.terminal.TextTable.Column;
import java.io.PrintStream;
import java.util.Locale;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Prints accuracy and agreement partners per model, the agreement-when-both-wrong summary, and judge inflation. */
public final class AgreementTable {
  private final Map<String, ErrorAgreement> pairs;
  private final Map<String, ModelAccuracy> accuracy;

  private AgreementTable(Map<String, ErrorAgreement> pairs, Map<String, ModelAccuracy> accuracy) {
    this.pairs = pairs;
    this.accuracy = accuracy;
  }

  /** A table over pairs and accuracies already read, by key. */
  static AgreementTable of(Map<String, ErrorAgreement> pairs, Map<String, ModelAccuracy> accuracy) {
    return new AgreementTable(new TreeMap<>(pairs), new TreeMap<>(accuracy));
  }

  public static AgreementTable read(KafkaConnection connection) {
    TopicReader reader = new TopicReader(connection);
    return new AgreementTable(new TreeMap<>(reader.latestByKey(connection.topics().errorAgreement())),
        new TreeMap<>(reader.latestByKey(connection.topics().modelAccuracy())));
  }

  public void printModels(PrintStream out) {
    out.println();
    TextTable table = TextTable.of(Column.left("model"), Column.right("answered"), Column.right("accuracy"),
        Column.left("most agreement on errors"), Column.right("both wrong"), Column.right("baseline"));
    for (ModelAccuracy a : accuracy.values()) {
      String model = a.getModelId().toString();
      String answered = String.valueOf(a.getAnswered());
      String rate = String.format(Locale.ROOT, "%.4f", a.getAccuracy());
      List<AgreementPartner> most = a.getMostCorrelated();
      if (most.isEmpty()) {
        table.row(model, answered, rate, "(no shared wrong answers yet)");
      }
      for (int r = 0; r < Math.min(2, most.size()); r++) {
        AgreementPartner p = most.get(r);
        table.row(r == 0 ? model : "", r == 0 ? answered : "", r == 0 ? rate : "", p.getModelId(),
            String.format(Locale.ROOT, "%.4f", p.getRateBothWrong()),
            String.format(Locale.ROOT, "%.4f", p.getBaselineBothWrong()));
      }
    }
    table.print(out);
  }

  /** Mean agreement when both wrong and mean baseline over pairs, and how many pairs exceed their baseline. */
  public void printSummary(PrintStream out) {
    List<ErrorAgreement> withErrors = new ArrayList<>(pairs.values().stream()
        .filter(p -> p.getBothWrong() > 0).toList());
    double meanRate = withErrors.stream().mapToDouble(ErrorAgreement::getRateBothWrong).average().orElse(Double.NaN);
    double meanBaseline = withErrors.stream().mapToDouble(ErrorAgreement::getBaselineBothWrong).average()
        .orElse(Double.NaN);
    long above = withErrors.stream().filter(p -> p.getRateBothWrong() > p.getBaselineBothWrong()).count();
    out.printf("%nAgreement when both wrong: mean %.4f over %s (random baseline %.4f); %d of %s above"
        + " their baseline%n", meanRate, Plural.of(withErrors.size(), "pair"), meanBaseline, above,
        Plural.of(withErrors.size(), "pair"));
  }

  /** The LLM-as-judge table: every other model's judged accuracy (the judge's answer as truth) against its true one. */
  public void printJudge(String judge, PrintStream out) {
    out.printf("%nJudge %s (accuracy %.4f): judged minus true accuracy over the items both answered%n", judge,
        accuracy.containsKey(judge) ? accuracy.get(judge).getAccuracy() : Double.NaN);
    // the widths of the table as first printed, widened for longer ids
    TextTable table = TextTable.of(Column.left("model").atLeast(28), Column.right("items").atLeast(8),
        Column.right("true").atLeast(9), Column.right("judged").atLeast(9), Column.right("inflation").atLeast(10))
        .spaced(1);
    List<JudgeTable.Pair> judgePairs = pairs.values().stream().map(p -> new JudgeTable.Pair(p.getModelA(),
        p.getModelB(), p.getItems(), p.getSame(), p.getCorrectA(), p.getCorrectB())).toList();
    for (JudgeTable.Row row : JudgeTable.of(judge, judgePairs)) {
      JudgeInflation j = row.inflation();
      table.row(row.modelId(), j.items(), String.format(Locale.ROOT, "%.4f", j.trueAccuracy()),
          String.format(Locale.ROOT, "%.4f", j.judgedAccuracy()), String.format(Locale.ROOT, "%+.4f", j.inflation()));
    }
    table.print(out);
  }

  public boolean hasModel(String model) {
    return accuracy.containsKey(model);
  }
}
