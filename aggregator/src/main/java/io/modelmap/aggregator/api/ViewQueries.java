package io.modelmap.aggregator.api;

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
import java.util.Optional;
import java.util.function.Supplier;
import io.modelmap.http.BearerToken;
import io.modelmap.http.HttpError;
import org.apache.avro.specific.SpecificRecord;
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
final class ViewQueries implements ViewReader {
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

  @Override
  public <V extends SpecificRecord> Optional<V> get(View<V> view, String key) {
    KeyQueryMetadata owner = streams.queryMetadataForKey(view.store(), key, Serdes.String().serializer());
    if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE) || owner.activeHost().equals(self)) {
      return localGet(view, key);
    }
    return remote(owner.activeHost(),
        "/internal/views/" + view.store() + "?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8))
        .map(json -> decoded(owner.activeHost(), () -> ViewWire.readOne(json, view.type())));
  }

  @Override
  public <V extends SpecificRecord> List<V> all(View<V> view) {
    List<V> values = new ArrayList<>(localAll(view));
    for (StreamsMetadata instance : streams.streamsMetadataForStore(view.store())) {
      if (!instance.hostInfo().equals(self)) {
        HostInfo host = instance.hostInfo();
        remote(host, "/internal/views/" + view.store())
            .ifPresent(json -> values.addAll(decoded(host, () -> ViewWire.readAll(json, view.type()))));
      }
    }
    return values;
  }

  <V extends SpecificRecord> Optional<V> localGet(View<V> view, String key) {
    if (!hostedHere(view)) {
      return Optional.empty();
    }
    return Optional.ofNullable(store(view).get(key)).map(view::cast);
  }

  /** Every value of the local part of a view. */
  <V extends SpecificRecord> List<V> localAll(View<V> view) {
    List<V> values = new ArrayList<>();
    if (!hostedHere(view)) {
      return values;
    }
    try (KeyValueIterator<String, Object> all = store(view).all()) {
      all.forEachRemaining(entry -> values.add(view.cast(entry.value)));
    }
    return values;
  }

  /** Whether this instance holds any partition of the view (an instance may hold none of a small topic). */
  private boolean hostedHere(View<?> view) {
    return streams.streamsMetadataForStore(view.store()).stream().anyMatch(m -> m.hostInfo().equals(self));
  }

  private ReadOnlyKeyValueStore<String, Object> store(View<?> view) {
    return streams.store(StoreQueryParameters.fromNameAndType(view.store(),
        QueryableStoreTypes.<String, Object>keyValueStore()));
  }

  /** What another instance sent, decoded; an answer that does not decode is that instance's fault (502). */
  private static <T> T decoded(HostInfo host, Supplier<T> decode) {
    try {
      return decode.get();
    } catch (RuntimeException e) {
      LOG.debug("instance {} sent views that do not decode", host, e);
      throw new HttpError(502, "instance " + host + " sent views that do not decode: " + e.getMessage());
    }
  }

  /** The JSON another instance answers for {@code path}; empty when it has no such key. */
  private Optional<byte[]> remote(HostInfo host, String path) {
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
      return Optional.of(response.body());
    } catch (IOException e) {
      LOG.debug("instance {} unreachable for {}", host, path, e);
      throw new HttpError(502, "instance " + host + " holding part of the views is unreachable: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HttpError(503, "interrupted while asking instance " + host);
    }
  }
}
