package io.modelmap.hubstandin;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The stand-in's {@code GET /api/models} (hf_api.py {@code list_models}): the listed repositories filtered by
 * {@code pipeline_tag}, {@code author} and {@code search} (a substring of the id, any case), sorted by
 * {@code sort} ({@code createdAt} or {@code lastModified}; {@code direction=-1} for newest first), {@code limit}
 * per page (default 1000, the Hub's page size), and a {@code Link: <...cursor=...>; rel="next"} header when more
 * follow (utils/_pagination.py follows it). {@code safetensors} and {@code cardData} are only in the answer
 * when {@code full=true} or an {@code expand} asks for them, as on the Hub.
 */
final class ListingPages {
  private static final int DEFAULT_PAGE = 1000;

  /** One answered page: its JSON array (as Java values) and the next page's URL, if any. */
  record Page(List<Map<String, Object>> models, Optional<String> next) {
  }

  private ListingPages() {
  }

  static Page page(Collection<StandInRepo> repos, String endpoint, String rawQuery) {
    Map<String, List<String>> params = parse(rawQuery);
    Optional<String> pipelineTag = first(params, "pipeline_tag");
    Optional<String> author = first(params, "author");
    Optional<String> search = first(params, "search").map(s -> s.toLowerCase(Locale.ROOT));
    String sort = first(params, "sort").orElse("createdAt");
    boolean descending = first(params, "direction").map("-1"::equals).orElse(false);
    int limit = first(params, "limit").map(Integer::parseInt).orElse(DEFAULT_PAGE);
    int offset = first(params, "cursor").map(ListingPages::offsetOf).orElse(0);
    boolean full = first(params, "full").map(v -> v.equalsIgnoreCase("true")).orElse(false);
    List<String> expand = params.getOrDefault("expand", List.of());

    Comparator<StandInRepo> order = Comparator.comparing(r -> "lastModified".equals(sort)
        ? r.times().orElseThrow().lastModified() : r.times().orElseThrow().createdAt());
    order = (descending ? order.reversed() : order).thenComparing(StandInRepo::id);
    List<StandInRepo> matching = repos.stream()
        .filter(r -> r.card().isPresent() && r.times().isPresent())
        .filter(r -> pipelineTag.map(t -> t.equals(r.card().get().pipelineTag())).orElse(true))
        .filter(r -> author.map(a -> r.id().startsWith(a + "/")).orElse(true))
        .filter(r -> search.map(s -> r.id().toLowerCase(Locale.ROOT).contains(s)).orElse(true))
        .sorted(order).toList();
    List<Map<String, Object>> models = new ArrayList<>();
    for (StandInRepo repo : matching.subList(Math.min(offset, matching.size()),
        Math.min(offset + limit, matching.size()))) {
      models.add(model(repo, full || expand.contains("safetensors"), full || expand.contains("cardData")));
    }
    Optional<String> next = Optional.empty();
    if (offset + limit < matching.size()) {
      params.put("cursor", List.of(cursorOf(offset + limit)));
      next = Optional.of(endpoint + "/api/models?" + query(params));
    }
    return new Page(models, next);
  }

  private static Map<String, Object> model(StandInRepo repo, boolean safetensors, boolean cardData) {
    ListingCard card = repo.card().orElseThrow();
    ListingCard.Times times = repo.times().orElseThrow();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("_id", Integer.toHexString(repo.id().hashCode()));
    model.put("id", repo.id());
    model.put("author", repo.id().contains("/") ? repo.id().substring(0, repo.id().indexOf('/')) : repo.id());
    model.put("sha", repo.head().orElseThrow());
    model.put("createdAt", times.createdAt().toString());
    model.put("lastModified", times.lastModified().toString());
    model.put("private", false);
    model.put("gated", card.gated().<Object>map(g -> g).orElse(false));
    model.put("pipeline_tag", card.pipelineTag());
    model.put("library_name", card.libraryName());
    List<String> tags = new ArrayList<>(card.tags());
    card.license().ifPresent(l -> tags.add("license:" + l));
    model.put("tags", tags);
    if (safetensors && !card.parametersByDtype().isEmpty()) {
      model.put("safetensors", Map.of("parameters", card.parametersByDtype(),
          "total", card.parametersByDtype().values().stream().mapToLong(Long::longValue).sum()));
    }
    if (cardData) {
      model.put("cardData", card.license().<Map<String, Object>>map(l -> Map.of("license", l)).orElse(Map.of()));
    }
    return model;
  }

  // an opaque cursor, as the Hub's: clients only copy it from the Link header
  private static String cursorOf(int offset) {
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset)
        .getBytes(StandardCharsets.UTF_8));
  }

  private static int offsetOf(String cursor) {
    return Integer.parseInt(new String(java.util.Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
        .substring(2));
  }

  private static Optional<String> first(Map<String, List<String>> params, String name) {
    return Optional.ofNullable(params.get(name)).filter(l -> !l.isEmpty()).map(l -> l.get(0));
  }

  private static Map<String, List<String>> parse(String rawQuery) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static String query(Map<String, List<String>> params) {
    List<String> pairs = new ArrayList<>();
    params.forEach((name, values) -> values.forEach(v -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8)
        + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8))));
    return String.join("&", pairs);
  }
}
