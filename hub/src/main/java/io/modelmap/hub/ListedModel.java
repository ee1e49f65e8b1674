package io.modelmap.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One model of a listing page, the fields of hf_api.py's {@code ModelInfo} a watcher's rules read.
 *
 * @param id {@code id}, {@code org/name}
 * @param commit {@code sha}: the commit of its default branch
 * @param createdAt {@code createdAt}
 * @param lastModified {@code lastModified}: the last push
 * @param pipelineTag {@code pipeline_tag}
 * @param tags {@code tags}
 * @param libraryName {@code library_name}
 * @param gated {@code gated} is {@code auto} or {@code manual} (not {@code false})
 * @param privateRepo {@code private}
 * @param parameters {@code safetensors.total}, when the Hub knows it
 * @param license {@code cardData.license}, else a {@code license:...} tag
 */
public record ListedModel(String id, String commit, Instant createdAt, Instant lastModified,
    Optional<String> pipelineTag, List<String> tags, Optional<String> libraryName, boolean gated, boolean privateRepo,
    OptionalLong parameters, Optional<String> license) {
  public ListedModel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastModified, "lastModified");
    tags = List.copyOf(tags);
  }

  /** The part before the slash: the user or organisation. */
  public String author() {
    int slash = id.indexOf('/');
    return slash < 0 ? id : id.substring(0, slash);
  }

  static ListedModel parse(JsonNode model) throws IOException {
    String id = model.path("id").asText("");
    if (id.isEmpty()) {
      throw new IOException("a model without 'id'");
    }
    String sha = model.path("sha").asText("");
    if (!Commits.isCommit(sha)) {
      throw new IOException("model " + id + " has no 40-character commit in 'sha'");
    }
    List<String> tags = new ArrayList<>();
    model.path("tags").forEach(t -> tags.add(t.asText()));
    JsonNode total = model.path("safetensors").path("total");
    Optional<String> license = text(model.path("cardData").path("license"))
        .or(() -> tags.stream().filter(t -> t.startsWith("license:")).map(t -> t.substring(8)).findFirst());
    JsonNode gated = model.path("gated");
    return new ListedModel(id, sha, instant(model, "createdAt"), instant(model, "lastModified"),
        text(model.path("pipeline_tag")), tags, text(model.path("library_name")),
        gated.isTextual() || gated.asBoolean(false), model.path("private").asBoolean(false),
        total.canConvertToLong() ? OptionalLong.of(total.asLong()) : OptionalLong.empty(), license);
  }

  private static Optional<String> text(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
  }

  private static Instant instant(JsonNode model, String field) throws IOException {
    try {
      return Instant.parse(model.path(field).asText(""));
    } catch (DateTimeParseException e) {
      throw new IOException("model " + model.path("id").asText() + " has no ISO-8601 time in '" + field + "'", e);
    }
  }
}
