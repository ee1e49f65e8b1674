package io.modelmap.aggregator.agreement;

import io.modelmap.math.agreement.AgreementRates;
import io.modelmap.math.agreement.PairCounts;
import io.modelmap.schemas.avro.AgreementPartner;
import io.modelmap.schemas.avro.ChoiceCount;
import io.modelmap.schemas.avro.ErrorAgreement;
import io.modelmap.schemas.ScoreSource;
import io.modelmap.schemas.avro.BenchmarkScore;
import io.modelmap.schemas.avro.ModelAccuracy;
import io.modelmap.schemas.key.CompositeKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Turns {@link AgreementState} into the published Avro records. */
final class AgreementRecords {
  private AgreementRecords() {}

  static String key(AgreementState.PairKey pair) {
    return CompositeKey.of(pair.a(), pair.b());
  }

  static ErrorAgreement errorAgreement(AgreementState.PairKey pair, PairCounts c) {
    AgreementRates rates = AgreementRates.of(c);
    List<ChoiceCount> byChoices = new ArrayList<>();
    for (int k = 0; k <= c.maxChoices(); k++) {
      if (c.bothWrongWithChoices(k) > 0) {
        byChoices.add(new ChoiceCount(k, c.bothWrongWithChoices(k)));
      }
    }
    return ErrorAgreement.newBuilder()
        .setModelA(pair.a()).setModelB(pair.b())
        .setItems(c.items()).setSame(c.same()).setBothCorrect(c.bothCorrect())
        .setEitherWrong(c.eitherWrong()).setAgreeEitherWrong(c.agreeEitherWrong())
        .setBothWrong(c.bothWrong()).setAgreeBothWrong(c.agreeBothWrong())
        .setBaselineBothWrong(c.bothWrong() == 0 ? null : rates.baselineBothWrong())
        .setCorrectA(c.correctA()).setCorrectB(c.correctB())
        .setBothWrongByChoices(byChoices)
        .setOverall(rates.overall()).setBothCorrectRate(rates.bothCorrect())
        .setRateEitherWrong(rates.whenEitherWrong()).setRateBothWrong(rates.whenBothWrong())
        .build();
  }

  /** Accuracy plus the {@code top} partners with the highest and the lowest agreement when both are wrong. */
  /** A model's accuracy on a benchmark it answered completely, as a measured benchmark score. */
  static BenchmarkScore measuredScore(String model, String benchmark, long[] accuracy, long now) {
    return BenchmarkScore.newBuilder().setModelId(model).setBenchmarkId(benchmark).setMetric("accuracy")
        .setValue((double) accuracy[1] / accuracy[0]).setSource(ScoreSource.MEASURED).setRecordedAtMs(now).build();
  }

  static ModelAccuracy modelAccuracy(String model, long[] accuracy, Map<String, PairCounts> partners, int top) {
    List<AgreementPartner> ranked = new ArrayList<>();
    partners.forEach((other, counts) -> {
      if (counts.bothWrong() > 0) {
        AgreementRates rates = AgreementRates.of(counts);
        ranked.add(new AgreementPartner(other, rates.whenBothWrong(), counts.bothWrong(), rates.baselineBothWrong()));
      }
    });
    Comparator<AgreementPartner> byId = Comparator.comparing(p -> p.getModelId().toString());
    Comparator<AgreementPartner> byRate = Comparator.comparingDouble(AgreementPartner::getRateBothWrong);
    List<AgreementPartner> most = ranked.stream().sorted(byRate.reversed().thenComparing(byId)).limit(top).toList();
    List<AgreementPartner> least = ranked.stream().sorted(byRate.thenComparing(byId)).limit(top).toList();
    return ModelAccuracy.newBuilder()
        .setModelId(model).setAnswered(accuracy[0]).setCorrect(accuracy[1])
        .setAccuracy(accuracy[0] == 0 ? Double.NaN : (double) accuracy[1] / accuracy[0])
        .setMostCorrelated(most).setLeastCorrelated(least)
        .build();
  }
}
