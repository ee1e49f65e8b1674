package io.modelmap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerTokenTest {
  private static final String VALUE = "s3cret-Token_0123456789";

  @TempDir
  Path dir;

  @Test
  void shouldRefuseAShortToken() {
    assertThatThrownBy(() -> new BearerToken("short")).hasMessageContaining("at least 16");
  }

  @Test
  void shouldRefuseCharactersAHeaderCannotCarry() {
    assertThatThrownBy(() -> new BearerToken("0123456789 abcdef")).hasMessageContaining("only letters");
    assertThatThrownBy(() -> new BearerToken("0123456789abcdef\n")).hasMessageContaining("only letters");
  }

  @Test
  void shouldAdmitOnlyItsOwnBearerHeader() {
    BearerToken token = new BearerToken(VALUE);
    assertThat(token.admits("Bearer " + VALUE)).isTrue();
    assertThat(token.admits("bearer " + VALUE)).as("the scheme is case-insensitive").isTrue();
    assertThat(token.admits(token.authorization())).isTrue();
    assertThat(token.admits(null)).isFalse();
    assertThat(token.admits(VALUE)).as("no scheme").isFalse();
    assertThat(token.admits("Basic " + VALUE)).isFalse();
    assertThat(token.admits("Bearer " + VALUE + "x")).isFalse();
    assertThat(token.admits("Bearer " + VALUE.substring(1))).isFalse();
  }

  @Test
  void shouldNeverPrintItsValue() {
    assertThat(new BearerToken(VALUE).toString()).doesNotContain(VALUE);
  }

  @Test
  void shouldReadAMountedSecretWithoutItsNewline() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), VALUE + "\n");
    assertThat(BearerToken.fromFile(file)).isEqualTo(new BearerToken(VALUE));
  }
}
