package io.modelmap.cli.operations;

import io.modelmap.cli.ModelMapCli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code modelmap scorer} with a malformed HF_ENDPOINT: it used to read the Hub settings before starting,
 * so a worker that only loads file: models could not start at all; it now reads them at its first hf:// model.
 */
class ScorerHubEnvironmentTest {
  @Test
  void shouldStartAWorkerWhateverHfEndpointHolds() {
    ScorerCommand scorer = ModelMapCli.commandLine(Map.of("HF_ENDPOINT", "http://mirror internal:8080"))
        .getSubcommands().get("scorer").getCommand();

    assertThatThrownBy(scorer.hub::settings).as("the environment is malformed")
        .hasMessage("HF_ENDPOINT must be an http(s) URL, was 'http://mirror internal:8080'");
    assertThatCode(() -> scorer.hubCheckpoints(1L << 30)).doesNotThrowAnyException();
  }
}
