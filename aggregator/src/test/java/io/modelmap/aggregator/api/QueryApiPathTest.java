package io.modelmap.aggregator.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryApiPathTest {

  @Test
  void shouldReadIdsFromRawOrPercentEncodedPathsOnce() {
    assertThat(QueryApi.decode("meta-llama/Llama-3.2-1B")).isEqualTo("meta-llama/Llama-3.2-1B");
    assertThat(QueryApi.decode("meta-llama%2FLlama-3.2-1B")).isEqualTo("meta-llama/Llama-3.2-1B");
    assertThat(QueryApi.decode("acme%2Fm%40v2")).isEqualTo("acme/m@v2");
    assertThat(QueryApi.decode("Gr%C3%B6%C3%9Fe%20x")).isEqualTo("Größe x");
  }

  @Test
  void shouldKeepAPlusAndDecodeAnEncodedPercentOnlyOnce() {
    assertThat(QueryApi.decode("org/model+1")).isEqualTo("org/model+1");
    assertThat(QueryApi.decode("100%2525")).isEqualTo("100%25");
  }
}
