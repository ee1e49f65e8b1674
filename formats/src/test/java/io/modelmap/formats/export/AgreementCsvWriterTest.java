package io.modelmap.formats.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.ErrorAgreement;
import io.modelmap.schemas.avro.ModelAccuracy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgreementCsvWriterTest {
  @TempDir
  Path dir;

  @Test
  void shouldWritePairsAndAccuraciesWithUndefinedRatesEmpty() throws IOException {
    // 4 items: same answer on 3 (overall 3/4), both right on 2 (2/4), 2 with a wrong answer of which 1 agreed (1/2),
    // 1 both wrong and agreed (1/1); chance of agreeing when both are wrong 0.25
    ErrorAgreement pair = agreement("meta-llama/Llama-3.2-1B", "acme/m", 4, 3, 2, 2, 1, 1, 1)
        .setBaselineBothWrong(0.25).setOverall(0.75).setBothCorrectRate(0.5).setRateEitherWrong(0.5).setRateBothWrong(1.0)
        .build();
    // 2 items both right: no wrong answer, so both error rates are undefined (NaN) and no baseline
    ErrorAgreement noErrors = agreement("acme/m", "b/m", 2, 2, 2, 0, 0, 0, 0).setOverall(1.0).setBothCorrectRate(1.0)
        .setRateEitherWrong(Double.NaN).setRateBothWrong(Double.NaN).build();
    List<ModelAccuracy> accuracy = List.of(new ModelAccuracy("acme/m", 4L, 3L, 0.75, List.of(), List.of()),
        new ModelAccuracy("new/m", 0L, 0L, Double.NaN, List.of(), List.of()));

    AgreementCsvWriter.write(List.of(pair, noErrors), accuracy, dir);

    assertThat(Files.readString(dir.resolve("agreement.csv"))).isEqualTo(String.join(",", AgreementCsvWriter.AGREEMENT_HEADER)
        + "\n" + """
        meta-llama/Llama-3.2-1B,acme/m,4,3,2,2,1,1,1,0.75,0.5,0.5,1.0,0.25
        acme/m,b/m,2,2,2,0,0,0,0,1.0,1.0,,,
        """);
    assertThat(Files.readString(dir.resolve("accuracy.csv"))).isEqualTo("""
        model_id,answered,correct,accuracy
        acme/m,4,3,0.75
        new/m,0,0,
        """);
  }

  private static ErrorAgreement.Builder agreement(String a, String b, long items, long same, long bothCorrect,
      long eitherWrong, long agreeEitherWrong, long bothWrong, long agreeBothWrong) {
    return ErrorAgreement.newBuilder().setModelA(a).setModelB(b).setItems(items).setSame(same).setBothCorrect(bothCorrect)
        .setEitherWrong(eitherWrong).setAgreeEitherWrong(agreeEitherWrong).setBothWrong(bothWrong)
        .setAgreeBothWrong(agreeBothWrong);
  }
}
