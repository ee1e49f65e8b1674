package io.modelmap.aggregator.api.body;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A pair's agreement statistics (correlated errors §3.1) with their counts; undefined rates are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgreementBody(String modelA, String modelB, long items, long same, long bothCorrect, long eitherWrong,
    long agreeEitherWrong, long bothWrong, long agreeBothWrong, Double baselineBothWrong, long correctA, long correctB,
    List<ChoiceCountBody> bothWrongByChoices, Double overall, Double bothCorrectRate, Double rateEitherWrong,
    Double rateBothWrong) {

  /** Both-wrong items with {@code choices} options. */
  public record ChoiceCountBody(int choices, long bothWrong) {}
}
