package io.modelmap.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Hub's model listing, page by page ({@code GET /api/models}, hf_api.py {@code list_models}): each page
 * retried under the client's {@link RetryPolicy} (429 and 5xx, {@code Retry-After} honoured), the next page
 * taken from the {@code Link} header and moved onto {@code HF_ENDPOINT} as huggingface_hub does for mirrors.
 * Got from {@link HubClient#listing()}.
 */
public final class ModelListing {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?next\"?");

  private final HubHttp http;
  private final String endpoint;

  ModelListing(HubHttp http, String endpoint) {
    this.http = http;
    this.endpoint = endpoint;
  }

  /** The first page of the query. */
  public ListingPage first(ListingQuery query) {
    return page(Objects.requireNonNull(query, "query").firstPage(endpoint));
  }

  /** The page at {@code uri}: one a previous page named as next. */
  public ListingPage page(URI uri) {
    HttpResponse<String> response = http.listing(uri);
    return page(uri, response.body(), response.headers().allValues("Link").toArray(String[]::new));
  }

  /** The page an answer to {@code uri} gives: its body and its {@code Link} headers. */
  ListingPage page(URI uri, String body, String... links) {
    List<ListedModel> models = new ArrayList<>();
    try {
      JsonNode root = JSON.readTree(body);
      if (!root.isArray()) {
        throw new IOException("not a JSON array");
      }
      for (JsonNode model : root) {
        models.add(ListedModel.parse(model));
      }
    } catch (IOException e) {
      throw new HubException(HubException.Kind.PROTOCOL, endpoint + " answered " + uri + " with no usable model"
          + " listing: " + e.getMessage(), e);
    }
    return new ListingPage(models, Arrays.stream(links).map(ModelListing::next)
        .flatMap(Optional::stream).findFirst().map(this::onEndpoint));
  }

  static Optional<URI> next(String linkHeader) {
    Matcher matcher = NEXT.matcher(linkHeader);
    return matcher.find() ? Optional.of(URI.create(matcher.group(1))) : Optional.empty();
  }

  // utils/_pagination.py fix_hf_endpoint_in_url: a mirror's Link may name huggingface.co
  private URI onEndpoint(URI next) {
    if (next.getRawAuthority() == null) {
      return URI.create(endpoint).resolve(next);
    }
    String path = next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
    URI base = URI.create(endpoint);
    return URI.create(base.getScheme() + "://" + base.getRawAuthority() + path);
  }
}
