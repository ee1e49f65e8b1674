package io.modelmap.cli.runtime;

import io.modelmap.math.agreement.JudgeInflation;
import io.modelmap.math.agreement.JudgeTable;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.TopicReader;
import io.modelmap.schemas.avro.AgreementPartner;
import io.modelmap.schemas.avro.ErrorAgreement;
import io.modelmap.schemas.avro.ModelAccuracy;
import java.io.PrintStream;
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
    out.printf("%-28s %8s %9s   %-28s %10s %9s%n", "model", "answered", "accuracy", "most agreement on errors",
        "both wrong", "baseline");
    for (ModelAccuracy a : accuracy.values()) {
      out.printf("%-28s %8d %9.4f", a.getModelId(), a.getAnswered(), a.getAccuracy());
      List<AgreementPartner> most = a.getMostCorrelated();
      if (most.isEmpty()) {
        out.println("   (no shared wrong answers yet)");
      }
      for (int r = 0; r < Math.min(2, most.size()); r++) {
        AgreementPartner p = most.get(r);
        String lead = r == 0 ? "" : String.format("%-28s %8s %9s", "", "", "");
        out.printf("%s   %-28s %10.4f %9.4f%n", lead, p.getModelId(), p.getRateBothWrong(), p.getBaselineBothWrong());
      }
    }
  }

  /** Mean agreement when both wrong and mean baseline over pairs, and how many pairs exceed their baseline. */
  public void printSummary(PrintStream out) {
    List<ErrorAgreement> withErrors = new ArrayList<>(pairs.values().stream()
        .filter(p -> p.getBothWrong() > 0).toList());
    double meanRate = withErrors.stream().mapToDouble(ErrorAgreement::getRateBothWrong).average().orElse(Double.NaN);
    double meanBaseline = withErrors.stream().mapToDouble(ErrorAgreement::getBaselineBothWrong).average()
        .orElse(Double.NaN);
    long above = withErrors.stream().filter(p -> p.getRateBothWrong() > p.getBaselineBothWrong()).count();
    out.printf("%nAgreement when both wrong: mean %.4f over %d pairs (random baseline %.4f); %d of %d pairs above"
        + " their baseline%n", meanRate, withErrors.size(), meanBaseline, above, withErrors.size());
  }

  /** The LLM-as-judge table: every other model's judged accuracy (the judge's answer as truth) against its true one. */
  public void printJudge(String judge, PrintStream out) {
    out.printf("%nJudge %s (accuracy %.4f): judged minus true accuracy over the items both answered%n", judge,
        accuracy.containsKey(judge) ? accuracy.get(judge).getAccuracy() : Double.NaN);
    out.printf("%-28s %8s %9s %9s %10s%n", "model", "items", "true", "judged", "inflation");
    List<JudgeTable.Pair> judgePairs = pairs.values().stream().map(p -> new JudgeTable.Pair(p.getModelA(),
        p.getModelB(), p.getItems(), p.getSame(), p.getCorrectA(), p.getCorrectB())).toList();
    for (JudgeTable.Row row : JudgeTable.of(judge, judgePairs)) {
      JudgeInflation j = row.inflation();
      out.printf("%-28s %8d %9.4f %9.4f %+10.4f%n", row.modelId(), j.items(), j.trueAccuracy(), j.judgedAccuracy(),
          j.inflation());
    }
  }

  public boolean hasModel(String model) {
    return accuracy.containsKey(model);
  }
}
