package io.modelmap.cli.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.cli.support.UsageError;
import io.modelmap.hub.HubModelId;
import io.modelmap.schemas.avro.ModelRegistered;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How Hub ids and revisions map to model ids, and re-registering one at a new commit. */
class HubRegistrationTest {
  private static final String OLD = "a".repeat(40);
  private static final String NEW = "b".repeat(40);

  private static ModelRegistered stored(String id, String source, String revision) {
    return ModelRegistered.newBuilder().setModelId(id).setSourceUri(source).setRevision(revision).setCorpusId("c")
        .build();
  }

  @Test
  void shouldNameTheModelAfterTheRepositoryAtTheDefaultBranchAndAfterTheRevisionOtherwise() {
    assertThat(HubRegistration.of(HubModelId.parse("org/tiny@main"), NEW, Optional.empty()))
        .isEqualTo(new HubRegistration("org/tiny", "hf://org/tiny", NEW));
    assertThat(HubRegistration.of(HubModelId.parse("org/tiny@v2"), NEW, Optional.empty()).modelId())
        .isEqualTo("org/tiny@v2");
    assertThat(HubRegistration.of(HubModelId.parse("org/tiny"), NEW, Optional.of("mine")).modelId()).isEqualTo("mine");
  }

  @Test
  void shouldAcceptRegisteringTheSameCommitAgain() {
    HubRegistration again = HubRegistration.of(HubModelId.parse("org/tiny"), OLD, Optional.empty());

    assertThatCode(() -> again.checkAgainst(Optional.of(stored("org/tiny", "hf://org/tiny", OLD))))
        .doesNotThrowAnyException();
    assertThatCode(() -> again.checkAgainst(Optional.empty())).doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseANewCommitUnderAnIdRegisteredAtAnotherNamingTheIdToUse() {
    HubRegistration moved = HubRegistration.of(HubModelId.parse("org/tiny@main"), NEW, Optional.empty());

    assertThatThrownBy(() -> moved.checkAgainst(Optional.of(stored("org/tiny", "hf://org/tiny", OLD))))
        .isInstanceOf(UsageError.class)
        .hasMessage("model org/tiny is already registered from hf://org/tiny at commit " + OLD + "; to map commit "
            + NEW + " beside it, register --model org/tiny@" + NEW);
  }

  @Test
  void shouldRefuseReplacingAFolderRegistrationWithAHubOne() {
    HubRegistration hub = HubRegistration.of(HubModelId.parse("org/tiny"), NEW, Optional.empty());

    assertThatThrownBy(() -> hub.checkAgainst(Optional.of(stored("org/tiny", "file:/models/tiny", null))))
        .isInstanceOf(UsageError.class).hasMessageContaining("from file:/models/tiny;");
  }
}
