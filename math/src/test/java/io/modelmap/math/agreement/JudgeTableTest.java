package io.modelmap.math.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JudgeTableTest {

  @Test
  void shouldJudgeTheOtherModelOfEveryPairTheJudgeIsInByItsId() {
    List<JudgeTable.Pair> pairs = List.of(
        // judge first: zed is B; it chose the judge's option on 6 of 8 items and was right on 4
        new JudgeTable.Pair("judge", "zed", 8, 6, 7, 4),
        // a pair without the judge
        new JudgeTable.Pair("alpha", "zed", 5, 5, 5, 5),
        // judge second: alpha is A; same on 3 of 4, right on 1
        new JudgeTable.Pair("alpha", "judge", 4, 3, 1, 2));

    List<JudgeTable.Row> rows = JudgeTable.of("judge", pairs);

    assertThat(rows).extracting(JudgeTable.Row::modelId).containsExactly("alpha", "zed");
    // alpha: judged 3/4 = 0.75, true 1/4 = 0.25, inflation +0.5
    assertThat(rows.get(0).inflation()).isEqualTo(new JudgeInflation(0.75, 0.25, 4));
    assertThat(rows.get(0).inflation().inflation()).isEqualTo(0.5);
    // zed: judged 6/8 = 0.75, true 4/8 = 0.5 (its own correct count, not the judge's 7)
    assertThat(rows.get(1).inflation()).isEqualTo(new JudgeInflation(0.75, 0.5, 8));
  }

  @Test
  void shouldLeaveRatesUndefinedOverNoItemsAndNoRowsForAStranger() {
    List<JudgeTable.Pair> pairs = List.of(new JudgeTable.Pair("judge", "b", 0, 0, 0, 0));

    assertThat(JudgeTable.of("judge", pairs).get(0).inflation().judgedAccuracy()).isNaN();
    assertThat(JudgeTable.of("nobody", pairs)).isEmpty();
  }
}
