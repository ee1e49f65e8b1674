package io.modelmap.hub;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The Hub's API and metadata requests: {@code Authorization: Bearer <token>} on each (utils/_headers.py
 * {@code build_hf_headers}), relative redirects followed (a renamed repository) and absolute ones not
 * (a large file's CDN), as {@code _request_wrapper(follow_relative_redirects=True)} does; retried under the
 * {@link RetryPolicy}.
 */
final class HubHttp {
  private static final int MAX_RELATIVE_REDIRECTS = 10;
  /** Every JSON answer (listing, revision info, config.json) read through one cap. */
  private static final CappedJsonBody JSON_BODY = new CappedJsonBody();

  private final HttpClient client;
  private final Optional<String> token;
  private final Retrying retrying;
  private final Duration responseTimeout;

  HubHttp(HttpClient client, Optional<String> token, Retrying retrying, Duration responseTimeout) {
    this.client = client;
    this.token = token;
    this.retrying = retrying;
    this.responseTimeout = responseTimeout;
  }

  /** The commit and file list of the target's revision. */
  RepoInfo repoInfo(HubTarget target) {
    URI uri = target.apiUri();
    return retrying.run("GET " + uri, () -> {
      HttpResponse<String> response = send("GET", uri, JSON_BODY);
      target.check(response);
      try {
        return RepoInfo.parse(response.body());
      } catch (IOException e) {
        throw new HubException(HubException.Kind.PROTOCOL, target.endpoint() + " answered " + response.uri()
            + " with no usable model info: " + e.getMessage(), e);
      }
    });
  }

  /**
   * A page of the model listing, answered 2xx: 429 and 5xx retried, any other refusal one line. Only the
   * endpoint's own pages are asked for, so the token goes with each.
   */
  HttpResponse<String> listing(URI uri) {
    return retrying.run("GET " + uri, () -> {
      HttpResponse<String> response = send("GET", uri, JSON_BODY);
      int status = response.statusCode();
      if (status == 429 || status >= 500) {
        throw new TransientFailure("HTTP " + status + " from " + response.uri(), HubTarget.retryAfter(response));
      }
      if (status == 401 || status == 403) {
        throw new HubException(HubException.Kind.ACCESS, response.uri() + " answered HTTP " + status
            + (token.isPresent() ? ": the HF_TOKEN set is refused" : ": set HF_TOKEN"));
      }
      if (status >= 300) {
        throw new HubException(HubException.Kind.PROTOCOL, response.uri() + " answered HTTP " + status
            + " to a model listing");
      }
      return response;
    });
  }

  /** A small file's text at a commit ({@code GET} on its resolve URL; no LFS file, no cache). */
  String text(HubTarget target, URI uri) {
    return retrying.run("GET " + uri, () -> {
      HttpResponse<String> response = send("GET", uri, JSON_BODY);
      target.check(response);
      if (response.statusCode() >= 300) {
        throw new HubException(HubException.Kind.PROTOCOL, response.uri() + " answered HTTP " + response.statusCode()
            + " where a small file was expected");
      }
      return response.body();
    });
  }

  /** A file's metadata from a HEAD on its resolve URL (file_download.py {@code get_hf_file_metadata}). */
  FileMetadata head(HubTarget target, URI uri) {
    return retrying.run("HEAD " + uri, () -> {
      HttpResponse<Void> response = send("HEAD", uri, HttpResponse.BodyHandlers.discarding());
      target.check(response);
      FileMetadata metadata = FileMetadata.from(response.headers(), response.uri(), response.statusCode());
      if (metadata.etag().isEmpty()) {
        // file_download.py raises FileMetadataError: no ETag, no reproducible cache entry
        throw new HubException(HubException.Kind.PROTOCOL, response.uri() + " has no ETag: a proxy in the way of "
            + target.endpoint() + "?");
      }
      return metadata;
    });
  }

  /** The token for a request to {@code uri}, sent only where the Hub itself answers. */
  Optional<String> token() {
    return token;
  }

  private <T> HttpResponse<T> send(String method, URI first, HttpResponse.BodyHandler<T> body)
      throws IOException {
    URI uri = first;
    for (int redirects = 0; ; redirects++) {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(responseTimeout)
          .header("Accept-Encoding", "identity").method(method, HttpRequest.BodyPublishers.noBody());
      token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
      HttpResponse<T> response;
      try {
        response = interruptible(() -> client.send(request.build(), body));
      } catch (IOException e) {
        // an answer over the JSON cap is the endpoint's fault, not the network's: refused at once, never retried
        if (CappedJsonBody.isTooLong(e)) {
          throw new HubException(HubException.Kind.PROTOCOL, uri + " answered more than the "
              + CappedJsonBody.MAX_BYTES + " bytes (" + (CappedJsonBody.MAX_BYTES >> 20) + " MiB) a JSON answer may"
              + " have", e);
        }
        throw e;
      }
      Optional<String> location = response.headers().firstValue("Location");
      boolean relative = location.map(l -> URI.create(l).getRawAuthority() == null).orElse(false);
      int status = response.statusCode();
      if (status < 300 || status >= 400 || !relative) {
        return response;
      }
      if (redirects >= MAX_RELATIVE_REDIRECTS) {
        throw new IOException("more than " + MAX_RELATIVE_REDIRECTS + " redirects from " + first);
      }
      uri = uri.resolve(location.get());
    }
  }

  @FunctionalInterface
  private interface Send<T> {
    T send() throws IOException, InterruptedException;
  }

  private static <T> T interruptible(Send<T> send) throws IOException {
    try {
      return send.send();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HubException(HubException.Kind.NETWORK, "interrupted", e);
    }
  }
}
