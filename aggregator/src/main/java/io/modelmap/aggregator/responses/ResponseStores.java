package io.modelmap.aggregator.responses;

import io.modelmap.math.responses.PairSums;
import io.modelmap.math.responses.ResponsePair;
import io.modelmap.aggregator.restore.GuardedStores;
import io.modelmap.aggregator.support.StoreBytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The response processor's stores (RocksDB, with changelogs):
 * <ul>
 *   <li>{@value #RESPONSES}: promptId NUL modelId → the response's tokens (stemmed, a newline, plain; each
 *   list space-separated: rouge-score tokens are [a-z0-9]+), so one prefix scan finds every response to
 *   a prompt and nothing is tokenised twice
 *   <li>{@value #PAIRS}: modelA NUL modelB → the pair's exact sums ({@link PairSums#toLongs}: seven longs,
 *   or five for a pair stored before METEOR was added and not compared since)
 * </ul>
 *
 * <p>Both restore only the changelog records whose key and value the codecs below read ({@link GuardedStores}).
 */
public final class ResponseStores {
  public static final String RESPONSES = "responses-store";
  public static final String PAIRS = "response-pairs-store";

  /** The restore checks: each layout read by the code below that the processor reads it with. */
  static final Deserializer<String[]> JOINED_KEYS = (topic, key) -> split(new String(key, StandardCharsets.UTF_8));
  static final Deserializer<ResponsePair.Tokens> TOKEN_VALUES = (topic, value) -> tokens(value);
  static final Deserializer<PairSums> SUM_VALUES = (topic, value) -> sums(value);

  private ResponseStores() {}

  public static List<StoreBuilder<KeyValueStore<String, byte[]>>> builders() {
    return List.of(store(RESPONSES), store(PAIRS));
  }

  /** The RocksDB store {@code name}, restoring only what its layout's reader reads. */
  static KeyValueBytesStoreSupplier supplier(String name) {
    return switch (name) {
      case RESPONSES -> GuardedStores.plain(RESPONSES, JOINED_KEYS, TOKEN_VALUES);
      case PAIRS -> GuardedStores.plain(PAIRS, JOINED_KEYS, SUM_VALUES);
      default -> throw new IllegalArgumentException("no response store " + name);
    };
  }

  public static String[] names() {
    return new String[] {RESPONSES, PAIRS};
  }

  static String responseKey(String prompt, String model) {
    return StoreBytes.joined(prompt, model);
  }

  static String promptPrefix(String prompt) {
    return prompt + '\0';
  }

  /** {model, other} of a pair key, or {prompt, model} of a response key. */
  static String[] split(String key) {
    return StoreBytes.split(key, "response or pair key");
  }

  static byte[] tokens(ResponsePair.Tokens tokens) {
    return (String.join(" ", tokens.stemmed()) + "\n" + String.join(" ", tokens.plain()))
        .getBytes(StandardCharsets.UTF_8);
  }

  static ResponsePair.Tokens tokens(byte[] stored) {
    String text = new String(stored, StandardCharsets.UTF_8);
    int newline = text.indexOf('\n');
    if (newline < 0) {
      throw StoreBytes.unreadable("response tokens", "no newline between the stemmed and the plain tokens");
    }
    return new ResponsePair.Tokens(words(text.substring(0, newline)), words(text.substring(newline + 1)));
  }

  static byte[] sums(PairSums sums) {
    return StoreBytes.longs(sums.toLongs());
  }

  /** Exactly five longs (the layout before METEOR) or seven. */
  static PairSums sums(byte[] stored) {
    if (stored.length != 5 * Long.BYTES && stored.length != 7 * Long.BYTES) {
      throw StoreBytes.unreadable("pair sums",
          stored.length + " bytes, 40 (five longs) or 56 (seven, with METEOR) expected");
    }
    return PairSums.fromLongs(StoreBytes.longs(stored, 5, "pair sums"));
  }

  private static List<String> words(String joined) {
    return joined.isEmpty() ? List.of() : List.of(joined.split(" "));
  }

  private static StoreBuilder<KeyValueStore<String, byte[]>> store(String name) {
    return Stores.keyValueStoreBuilder(supplier(name), Serdes.String(), Serdes.ByteArray());
  }
}
