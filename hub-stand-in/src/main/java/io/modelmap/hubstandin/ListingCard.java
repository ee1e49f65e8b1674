package io.modelmap.hubstandin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the {@link HubStandIn}'s {@code /api/models} listing shows of a repository besides its id, commit and
 * times: the fields hf_api.py's {@code ModelInfo} reads from the listing ({@code pipeline_tag}, {@code tags},
 * {@code library_name}, {@code gated}, {@code safetensors.parameters} by dtype, {@code cardData.license}).
 *
 * @param pipelineTag {@code pipeline_tag}, e.g. {@code text-generation}
 * @param tags {@code tags} (a {@code license:...} tag is added from {@code license})
 * @param libraryName {@code library_name}, e.g. {@code transformers}
 * @param gated {@code gated}: empty is {@code false}, else {@code auto} or {@code manual}
 * @param parametersByDtype {@code safetensors.parameters}; empty map: no safetensors metadata
 * @param license {@code cardData.license}, if the card names one
 */
public record ListingCard(String pipelineTag, List<String> tags, String libraryName, Optional<String> gated,
    Map<String, Long> parametersByDtype, Optional<String> license) {
  public ListingCard {
    Objects.requireNonNull(pipelineTag, "pipelineTag");
    tags = List.copyOf(tags);
    Objects.requireNonNull(libraryName, "libraryName");
    Objects.requireNonNull(gated, "gated");
    parametersByDtype = Map.copyOf(parametersByDtype);
    Objects.requireNonNull(license, "license");
  }

  /** A public, ungated transformers text-generation model of {@code parameters} F32 parameters under {@code license}. */
  public static ListingCard textGeneration(long parameters, String license) {
    return new ListingCard("text-generation", List.of("transformers", "safetensors"), "transformers", Optional.empty(),
        Map.of("F32", parameters), Optional.of(license));
  }

  /** The same card, gated ({@code auto}). */
  public ListingCard asGated() {
    return new ListingCard(pipelineTag, tags, libraryName, Optional.of("auto"), parametersByDtype, license);
  }

  /** The same card with another pipeline tag. */
  public ListingCard withPipelineTag(String tag) {
    return new ListingCard(tag, tags, libraryName, gated, parametersByDtype, license);
  }

  /** When the repository was created and last pushed to, as the listing reports them. */
  record Times(Instant createdAt, Instant lastModified) {
  }
}
