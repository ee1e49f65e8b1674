package io.modelmap.cli.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Durations as a person types them, and ISO-8601; the expected values are worked out by hand. */
class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void shouldReadOneUnit() {
    assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(converter.convert("10m")).isEqualTo(Duration.ofSeconds(600));
    assertThat(converter.convert("2h")).isEqualTo(Duration.ofSeconds(7200));
    assertThat(converter.convert("1d")).isEqualTo(Duration.ofSeconds(86_400));
    assertThat(converter.convert("250ms")).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void shouldAddUnitsLargestFirst() {
    assertThat(converter.convert("1h30m")).isEqualTo(Duration.ofSeconds(5400));
    assertThat(converter.convert("2m5s")).isEqualTo(Duration.ofSeconds(125));
  }

  @Test
  void shouldReadIso8601() {
    assertThat(converter.convert("PT10M")).isEqualTo(Duration.ofSeconds(600));
    assertThat(converter.convert("PT1H30M")).isEqualTo(Duration.ofSeconds(5400));
  }

  @Test
  void shouldRefuseWhatIsNoDurationNamingTheForms() {
    for (String bad : new String[] {"10", "ten minutes", "10x", "m10", "5m10h", "1m1m", "PT"}) {
      assertThatThrownBy(() -> converter.convert(bad)).as(bad).isInstanceOf(TypeConversionException.class)
          .hasMessage("'" + bad + "' is not a duration (e.g. 90s, 10m, 2h, 1h30m or ISO-8601 PT10M)");
    }
  }

  @Test
  void shouldRefuseZeroAndNegativeDurations() {
    assertThatThrownBy(() -> converter.convert("0s")).hasMessageContaining("not a duration greater than zero");
    assertThatThrownBy(() -> converter.convert("-PT5M")).hasMessageContaining("not a duration greater than zero");
  }
}
