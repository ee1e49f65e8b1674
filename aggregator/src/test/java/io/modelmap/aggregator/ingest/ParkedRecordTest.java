package io.modelmap.aggregator.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A parked record's layout: it comes back as written, and a broken one fails clearly. */
class ParkedRecordTest {
  private static final ParkedRecord PARKED = new ParkedRecord(1_700_000_000_123L,
      new SourceCoordinates("text-scores", 3, 42L), new byte[] {0, 0, 0, 0, 1, 2, 3});

  @Test
  void shouldComeBackAsWritten() {
    byte[] stored = PARKED.encode();
    assertThat(stored).hasSize(8 + 4 + 8 + 4 + "text-scores".length() + 7);
    ParkedRecord read = ParkedRecord.decode(stored);
    assertThat(read.firstSeenMs()).isEqualTo(1_700_000_000_123L);
    assertThat(read.source()).isEqualTo(new SourceCoordinates("text-scores", 3, 42L));
    assertThat(read.encodedValue()).containsExactly(0, 0, 0, 0, 1, 2, 3);
    assertThat(read.key()).isEqualTo("text-scores-3@42");
  }

  @Test
  void shouldRefuseARecordShorterThanItsHeader() {
    byte[] truncated = Arrays.copyOf(PARKED.encode(), 20);
    assertThatThrownBy(() -> ParkedRecord.decode(truncated)).isInstanceOf(IllegalStateException.class)
        .hasMessage("stored parked record is unreadable: 20 bytes, at least 24 expected");
  }

  @Test
  void shouldRefuseATopicLongerThanTheRecord() {
    byte[] garbage = ByteBuffer.allocate(30).putLong(1).putInt(0).putLong(0).putInt(1_000).array();
    assertThatThrownBy(() -> ParkedRecord.decode(garbage)).isInstanceOf(IllegalStateException.class)
        .hasMessage("stored parked record is unreadable: topic of 1000 bytes in 30");
  }
}
