package io.modelmap.scorer.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Results are per model and per scope: a text scored by one model, or in another corpus, is still missing. */
class DoneIdsTest {
  private final DoneIds done = new DoneIds();

  @Test
  void shouldLeaveOnlyWhatTheModelHasNoResultForInThatScope() {
    done.mark("m1", "c", "t1");
    done.mark("m1", "c", "t3");
    done.mark("m2", "c", "t2");
    done.mark("m1", "other", "t2");

    assertThat(done.missing("m1", "c", List.of("t1", "t2", "t3", "t4"))).containsExactly("t2", "t4");
    assertThat(done.missing("m2", "c", List.of("t1", "t2"))).containsExactly("t1");
    assertThat(done.missing("m3", "c", List.of("t1"))).containsExactly("t1");
    assertThat(done.missing("m1", "c", List.of("t1", "t3"))).isEmpty();
  }

  @Test
  void shouldKeepIdsThatLookAlikeInComposedKeysApart() {
    done.mark("a/b", "c", "t");

    assertThat(done.missing("a", "b/c", List.of("t"))).containsExactly("t");
  }
}
