package io.modelmap.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The terminal gets the project's warnings as sentences; once there is a log file, library noise goes there only. */
class CliLoggingTest {
  private final PrintStream originalErr = System.err;
  private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();

  @TempDir
  Path dir;

  @AfterEach
  void restore() {
    System.setErr(originalErr);
    CliLogging.terminal();
  }

  @Test
  void shouldSendLibraryErrorsToTheLogFileOnlyAndShowProjectWarningsAsOneSentence() throws Exception {
    System.setErr(new PrintStream(terminal, true, StandardCharsets.UTF_8));
    CliLogging.terminal();
    Path log = CliLogging.toFile(dir.resolve("modelmap.log"));

    LoggerFactory.getLogger("org.apache.kafka.server.ReplicaManager")
        .error("Error processing append operation: OutOfOrderSequenceException");
    LoggerFactory.getLogger("io.modelmap.scorer.worker.ScorerWorker").warn("model x failed: weights truncated");

    assertThat(terminal.toString(StandardCharsets.UTF_8))
        .isEqualTo("model x failed: weights truncated" + System.lineSeparator());
    assertThat(Files.readString(log)).contains("ERROR").contains("OutOfOrderSequenceException")
        .contains("WARN").contains("model x failed");
  }

  @Test
  void shouldStillShowALibraryErrorWhenThereIsNoLogFile() {
    System.setErr(new PrintStream(terminal, true, StandardCharsets.UTF_8));
    CliLogging.terminal();

    LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient").error("broker unreachable");
    LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient").warn("a warning");

    assertThat(terminal.toString(StandardCharsets.UTF_8)).isEqualTo("broker unreachable" + System.lineSeparator());
  }
}
