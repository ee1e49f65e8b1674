package io.modelmap.aggregator.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.modelmap.http.BearerToken;
import io.modelmap.http.HttpError;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the views wherever they live: a key from the instance that owns its partition
 * ({@code application.server}), a whole view from every instance that holds part of it.
 */
final class ViewQueries {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
  private static final TypeReference<List<Map<String, Object>>> ARRAY = new TypeReference<>() {};

  private static final Set<String> VECTORS = Set.of("xi", "columnMeans");
  private static final Logger LOG = LoggerFactory.getLogger(ViewQueries.class);
  private final KafkaStreams streams;
  private final HostInfo self;
  private final Optional<BearerToken> token;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** @param token sent to the other instances, whose internal views ask for it as the API does */
  ViewQueries(KafkaStreams streams, HostInfo self, Optional<BearerToken> token) {
    this.streams = streams;
    this.self = self;
    this.token = token;
  }

  Optional<Map<String, Object>> get(String view, String key) {
    KeyQueryMetadata owner = streams.queryMetadataForKey(view, key, Serdes.String().serializer());
    if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE) || owner.activeHost().equals(self)) {
      return localGet(view, key);
    }
    return remote(owner.activeHost(), "/internal/views/" + view + "?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8),
        OBJECT);
  }

  /** Every value of a view, gathered from all instances, without the N-long vectors. */
  List<Map<String, Object>> all(String view) {
    List<Map<String, Object>> values = new ArrayList<>(localAll(view));
    for (StreamsMetadata instance : streams.streamsMetadataForStore(view)) {
      if (!instance.hostInfo().equals(self)) {
        remote(instance.hostInfo(), "/internal/views/" + view, ARRAY).ifPresent(values::addAll);
      }
    }
    return values;
  }

  Optional<Map<String, Object>> localGet(String view, String key) {
    if (!hostedHere(view)) {
      return Optional.empty();
    }
    IndexedRecord value = store(view).get(key);
    return Optional.ofNullable(value).map(AvroJson::toMap);
  }

  /** Every value of the local part of a view, without the N-long vectors (ξ rows, column means). */
  List<Map<String, Object>> localAll(String view) {
    List<Map<String, Object>> values = new ArrayList<>();
    if (!hostedHere(view)) {
      return values;
    }
    try (KeyValueIterator<String, IndexedRecord> all = store(view).all()) {
      // the N-long vectors are skipped, not copied and dropped: K·N boxed doubles per request otherwise
      all.forEachRemaining(entry -> values.add(AvroJson.toMap(entry.value, VECTORS)));
    }
    return values;
  }

  /** Whether this instance holds any partition of the view (an instance may hold none of a small topic). */
  private boolean hostedHere(String view) {
    return streams.streamsMetadataForStore(view).stream().anyMatch(m -> m.hostInfo().equals(self));
  }

  private ReadOnlyKeyValueStore<String, IndexedRecord> store(String view) {
    return streams.store(StoreQueryParameters.fromNameAndType(view, QueryableStoreTypes.<String, IndexedRecord>keyValueStore()));
  }

  private <T> Optional<T> remote(HostInfo host, String path, TypeReference<T> type) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + path))
        .timeout(Duration.ofSeconds(10));
    token.ifPresent(t -> request.header("Authorization", t.authorization()));
    try {
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() == 404) {
        return Optional.empty();
      }
      if (response.statusCode() != 200) {
        throw new HttpError(502, "instance " + host + " answered " + response.statusCode() + " for " + path);
      }
      return Optional.of(JSON.readValue(response.body(), type));
    } catch (IOException e) {
      LOG.debug("instance {} unreachable for {}", host, path, e);
      throw new HttpError(502, "instance " + host + " holding part of the views is unreachable: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HttpError(503, "interrupted while asking instance " + host);
    }
  }
}
