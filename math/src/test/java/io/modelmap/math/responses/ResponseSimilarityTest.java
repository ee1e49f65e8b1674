package io.modelmap.math.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.Reader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class ResponseSimilarityTest {
  @Test
  void tokensFollowRougeScoresConventions() {
    // lower case; anything outside a-z0-9 separates (é too); tokens of more than 3 characters are stemmed
    assertThat(RougeTokens.of("The Cats were RUNNING, naïve—3.5 dogs' \"quoted\"", true))
        .containsExactly("the", "cat", "were", "run", "na", "ve", "3", "5", "dog", "quot");
    assertThat(RougeTokens.of("The Cats were RUNNING", false)).containsExactly("the", "cats", "were", "running");
  }

  @Test
  void rougeAndBleuOnHandWorkedSentences() {
    List<String> c = List.of("the", "cat", "sat", "on", "the", "mat");
    List<String> r = List.of("the", "cat", "is", "on", "the", "mat");
    // unigrams: the×2, cat, on, mat match (5 of 6 each side)
    assertThat(Rouge.n(c, r, 1).f1()).isCloseTo(5.0 / 6, within(1e-12));
    // bigrams: (the cat), (on the), (the mat) match: 3 of 5
    assertThat(Rouge.n(c, r, 2).f1()).isCloseTo(3.0 / 5, within(1e-12));
    // LCS: the cat on the mat = 5
    assertThat(Rouge.l(c, r).f1()).isCloseTo(5.0 / 6, within(1e-12));
    // BLEU: p1 = 5/6, p2 = 3/5, p3 = 1/4 (on the mat), p4 = ε/3 (no 4-gram matches); equal lengths, BP = 1
    double expected = Math.exp((Math.log(5.0 / 6) + Math.log(3.0 / 5) + Math.log(1.0 / 4) + Math.log(0.1 / 3)) / 4);
    assertThat(SentenceBleu.of(c, r)).isCloseTo(expected, within(1e-12));
    // a shorter candidate pays the brevity penalty exp(1 − 6/3)
    List<String> shortCandidate = List.of("the", "cat", "sat");
    double p = Math.exp((Math.log(2.0 / 3) + Math.log(1.0 / 2) + Math.log(0.1 / 1) + Math.log(0.1 / 1)) / 4);
    assertThat(SentenceBleu.of(shortCandidate, r)).isCloseTo(Math.exp(1 - 6.0 / 3) * p, within(1e-12));
    assertThat(SentenceBleu.of(List.of("dog"), r)).as("no unigram matches").isZero();
  }

  @Test
  void twoHundredRealResponsePairsMatchTheReferenceScript() throws Exception {
    // src/test/python/reference_rouge_bleu.py: the conventions written out, NLTK's Porter stemmer and sentence_bleu
    try (Reader in = new InputStreamReader(getClass().getResourceAsStream("/data/responses/rouge-bleu-reference.csv"),
        StandardCharsets.UTF_8)) {
      List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)
          .getRecords();
      assertThat(rows).hasSize(200);
      for (CSVRecord row : rows) {
        List<String> c = RougeTokens.of(row.get("candidate"), true);
        List<String> r = RougeTokens.of(row.get("reference"), true);
        String pair = row.get("prompt_id") + " " + row.get("candidate_model") + " / " + row.get("reference_model");
        assertThat(Rouge.n(c, r, 1).f1()).as("ROUGE-1 %s", pair).isCloseTo(Double.parseDouble(row.get("rouge1_f")),
            within(1e-12));
        assertThat(Rouge.n(c, r, 2).f1()).as("ROUGE-2 %s", pair).isCloseTo(Double.parseDouble(row.get("rouge2_f")),
            within(1e-12));
        assertThat(Rouge.l(c, r).f1()).as("ROUGE-L %s", pair).isCloseTo(Double.parseDouble(row.get("rougeL_f")),
            within(1e-12));
        assertThat(SentenceBleu.of(RougeTokens.of(row.get("candidate"), false), RougeTokens.of(row.get("reference"),
            false))).as("BLEU %s", pair).isCloseTo(Double.parseDouble(row.get("bleu")), within(1e-12));
      }
    }
  }
}
