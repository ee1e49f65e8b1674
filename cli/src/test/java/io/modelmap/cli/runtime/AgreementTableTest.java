package io.modelmap.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.ErrorAgreement;
import io.modelmap.schemas.avro.ModelAccuracy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgreementTableTest {

  private static ErrorAgreement pair(String a, String b, long items, long same, long correctA, long correctB) {
    return ErrorAgreement.newBuilder().setModelA(a).setModelB(b).setItems(items).setSame(same).setBothCorrect(0)
        .setEitherWrong(0).setAgreeEitherWrong(0).setBothWrong(0).setAgreeBothWrong(0).setBaselineBothWrong(null)
        .setCorrectA(correctA).setCorrectB(correctB).setBothWrongByChoices(List.of()).setOverall(0)
        .setBothCorrectRate(0).setRateEitherWrong(0).setRateBothWrong(0).build();
  }

  @Test
  void shouldPrintTheJudgeTableByModelId() {
    AgreementTable table = AgreementTable.of(Map.of(
        "judge|zed", pair("judge", "zed", 8, 6, 7, 4),
        "alpha|zed", pair("alpha", "zed", 5, 5, 5, 5),
        "alpha|judge", pair("alpha", "judge", 4, 3, 1, 2)),
        Map.of("judge", ModelAccuracy.newBuilder().setModelId("judge").setAnswered(10).setCorrect(6).setAccuracy(0.6)
            .setMostCorrelated(List.of()).setLeastCorrelated(List.of()).build()));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    table.printJudge("judge", new PrintStream(bytes, true, StandardCharsets.UTF_8));

    // alpha (judge second): same 3 of 4 → judged 0.75, its correct 1 of 4 → true 0.25; zed (judge first): 6/8, 4/8
    // (widths written out with Python's % formatting: %-28s %8d %9.4f %9.4f %+10.4f)
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
        "",
        "Judge judge (accuracy 0.6000): judged minus true accuracy over the items both answered",
        "model                           items      true    judged  inflation",
        "alpha                               4    0.2500    0.7500    +0.5000",
        "zed                                 8    0.5000    0.7500    +0.2500");
  }
}
