package io.modelmap.hub;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One listing of the Hub's models, as hf_api.py {@code list_models} asks for it: filters, an order and a page
 * size. The fields the watcher's rules read are asked for with {@code expand} (the Hub answers only those).
 *
 * @param pipelineTag {@code pipeline_tag}, e.g. {@code text-generation}
 * @param author {@code author}: one user or organisation
 * @param search {@code search}: a substring of the id
 * @param sort the order, always newest first ({@code direction=-1})
 * @param pageSize {@code limit}: models per page, 1 to 1000 (the Hub's largest page)
 */
public record ListingQuery(Optional<String> pipelineTag, Optional<String> author, Optional<String> search,
    Sort sort, int pageSize) {
  /** The listing's order. */
  public enum Sort {
    /** {@code createdAt}: new repositories first. */
    CREATED_AT("createdAt"),
    /** {@code lastModified}: the last push first, so a new commit of an old model comes up again. */
    LAST_MODIFIED("lastModified");

    private final String parameter;

    Sort(String parameter) {
      this.parameter = parameter;
    }

    String parameter() {
      return parameter;
    }
  }

  /** What the rules read, besides the id: hf_api.py's {@code ExpandModelProperty_T} names. */
  static final List<String> EXPAND = List.of("sha", "createdAt", "lastModified", "pipeline_tag", "tags",
      "library_name", "gated", "private", "safetensors", "cardData");

  public ListingQuery {
    Objects.requireNonNull(pipelineTag, "pipelineTag");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(search, "search");
    Objects.requireNonNull(sort, "sort");
    if (pageSize < 1 || pageSize > 1000) {
      throw new IllegalArgumentException("pageSize must be 1 to 1000, was " + pageSize);
    }
  }

  /** {@code {endpoint}/api/models?...} for the first page. */
  URI firstPage(String endpoint) {
    List<String> params = new ArrayList<>();
    pipelineTag.ifPresent(v -> params.add(param("pipeline_tag", v)));
    author.ifPresent(v -> params.add(param("author", v)));
    search.ifPresent(v -> params.add(param("search", v)));
    params.add(param("sort", sort.parameter()));
    params.add(param("direction", "-1"));
    params.add(param("limit", Integer.toString(pageSize)));
    EXPAND.forEach(field -> params.add(param("expand", field)));
    return URI.create(endpoint + "/api/models?" + String.join("&", params));
  }

  private static String param(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
