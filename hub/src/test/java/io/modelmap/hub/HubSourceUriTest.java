package io.modelmap.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HubSourceUriTest {
  @Test
  void shouldReadBothHfForms() {
    assertThat(HubSourceUri.repo("hf://org/tiny")).contains("org/tiny");
    assertThat(HubSourceUri.repo("hf:org/tiny")).contains("org/tiny");
    assertThat(HubSourceUri.of("org/tiny")).isEqualTo("hf://org/tiny");
  }

  @Test
  void shouldLeaveOtherSchemesAlone() {
    assertThat(HubSourceUri.repo("file:/models/org/tiny")).isEmpty();
    assertThat(HubSourceUri.repo("imported:")).isEmpty();
  }

  @Test
  void shouldRefuseAnInvalidRepositoryOrARevisionInTheUri() {
    assertThatThrownBy(() -> HubSourceUri.repo("hf://org/../etc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HubSourceUri.repo("hf://org/tiny@main")).isInstanceOf(IllegalArgumentException.class);
  }
}
