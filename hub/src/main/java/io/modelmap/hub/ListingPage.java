package io.modelmap.hub;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * One page of a listing and where the next one is (the {@code Link: <url>; rel="next"} header,
 * utils/_pagination.py {@code _get_next_page}).
 *
 * @param models the page's models, in the listing's order
 * @param next the next page, already on this client's {@code HF_ENDPOINT}
 */
public record ListingPage(List<ListedModel> models, Optional<URI> next) {
  public ListingPage {
    models = List.copyOf(models);
  }
}
