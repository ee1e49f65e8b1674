package io.modelmap.hub;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One model on one Hub, and what the Hub's refusals mean for it, each said in one line
 * (huggingface_hub's {@code utils/_http.py hf_raise_for_status} reads the same {@code X-Error-Code}s).
 *
 * @param id the model as asked for
 * @param endpoint {@code HF_ENDPOINT}
 * @param tokenSet whether a token is sent
 */
record HubTarget(HubModelId id, String endpoint, boolean tokenSet) {

  /** {@code {endpoint}/api/models/{repo}/revision/{revision}?blobs=true} (hf_api.py {@code model_info}). */
  URI apiUri() {
    return URI.create(endpoint + "/api/models/" + repoPath() + "/revision/" + encode(id.revision()) + "?blobs=true");
  }

  /** {@code {endpoint}/{repo}/resolve/{commit}/{path}} (file_download.py {@code hf_hub_url}). */
  URI resolveUri(String commit, String path) {
    return URI.create(endpoint + "/" + repoPath() + "/resolve/" + encode(commit) + "/" + encode(path));
  }

  /** Throws for anything but 2xx and 3xx: permanent refusals as {@link HubException}, 429/5xx as transient. */
  void check(HttpResponse<?> response) throws TransientFailure {
    int status = response.statusCode();
    if (status < 400) {
      return;
    }
    String code = response.headers().firstValue("X-Error-Code").orElse("");
    if (status == 429 || status >= 500) {
      throw new TransientFailure("HTTP " + status + " from " + response.uri(), retryAfter(response));
    }
    if ((status == 401 || status == 403) && !"RepoNotFound".equals(code)) {
      throw new HubException(HubException.Kind.ACCESS, "model " + id.repo() + " needs access: request it on the Hub"
          + " page " + endpoint + "/" + id.repo() + ", then set HF_TOKEN"
          + (tokenSet ? " (the HF_TOKEN set does not grant it)" : ""));
    }
    if (status == 404 || status == 401 || status == 403) {
      // the Hub answers 401 RepoNotFound for a repository it does not show to this caller
      throw new HubException(HubException.Kind.NOT_FOUND, "no model " + id.repo() + " at revision " + id.revision()
          + " on " + endpoint + (status != 404 && !tokenSet ? " (if it is private, set HF_TOKEN)" : ""));
    }
    throw new HubException(HubException.Kind.PROTOCOL, endpoint + " answered HTTP " + status
        + (code.isEmpty() ? "" : " (" + code + ")") + " for " + id + " at " + response.uri());
  }

  /** {@code Retry-After} as seconds or as an HTTP date (RFC 9110 section 10.2.3). */
  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(v -> retryAfter(v, ZonedDateTime.now()));
  }

  static Optional<Duration> retryAfter(String value, ZonedDateTime now) {
    String v = value.strip();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration until = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
        return Optional.of(until.isNegative() ? Duration.ZERO : until);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  private String repoPath() {
    int slash = id.repo().indexOf('/');
    return slash < 0 ? encode(id.repo()) : encode(id.repo().substring(0, slash)) + "/"
        + encode(id.repo().substring(slash + 1));
  }

  /** Python's {@code quote(s, safe="")}: everything but unreserved characters percent-encoded. */
  static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
