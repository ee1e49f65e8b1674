package io.modelmap.cli.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluralTest {
  @Test
  void shouldUseTheSingularOnlyForOne() {
    assertThat(Plural.of(0, "model")).isEqualTo("0 models");
    assertThat(Plural.of(1, "model")).isEqualTo("1 model");
    assertThat(Plural.of(2, "model")).isEqualTo("2 models");
  }

  @Test
  void shouldGroupThousandsAndTakeAnIrregularPlural() {
    assertThat(Plural.of(12_032, "text")).isEqualTo("12,032 texts");
    assertThat(Plural.of(1, "copy", "copies")).isEqualTo("1 copy");
    assertThat(Plural.of(3, "copy", "copies")).isEqualTo("3 copies");
  }
}
