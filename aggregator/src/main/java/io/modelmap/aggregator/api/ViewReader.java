package io.modelmap.aggregator.api;

import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/** The views as typed records, wherever they live ({@link ViewQueries}); the answers read only this. */
interface ViewReader {

  /** The value of {@code key} in {@code view}, whole (N-long vectors included). */
  <V extends SpecificRecord> Optional<V> get(View<V> view, String key);

  /**
   * Every value of {@code view}. Values read from another instance come without their N-long vectors (ξ rows,
   * column means: {@link ViewWire#VECTORS}), which are left empty: read those one key at a time with {@link #get}.
   */
  <V extends SpecificRecord> List<V> all(View<V> view);
}
