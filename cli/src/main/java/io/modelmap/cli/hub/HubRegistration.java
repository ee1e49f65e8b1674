package io.modelmap.cli.hub;

import io.modelmap.cli.support.UsageError;
import io.modelmap.hub.HubModelId;
import io.modelmap.hub.HubSourceUri;
import io.modelmap.schemas.avro.ModelRegistered;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code register --model org/name@revision} records: the source {@code hf://org/name}, the commit the
 * revision resolved to, and the model id ({@code org/name} at the default branch, {@code org/name@revision}
 * otherwise, unless {@code --model-id} names it). An id already registered at another commit is refused:
 * its scores are of other weights, and overwriting its registration would mix the two in one row.
 *
 * @param modelId the id the model is registered under
 * @param sourceUri {@code hf://org/name}
 * @param commit the 40-hex commit every worker fetches
 */
public record HubRegistration(String modelId, String sourceUri, String commit) {
  public HubRegistration {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(sourceUri, "sourceUri");
    Objects.requireNonNull(commit, "commit");
  }

  /** The registration of {@code id} at {@code commit}, under {@code modelId} when given. */
  public static HubRegistration of(HubModelId id, String commit, Optional<String> modelId) {
    return new HubRegistration(modelId.orElse(HubModels.modelId(id)), HubSourceUri.of(id.repo()), commit);
  }

  /** Refuses a registration that would replace {@code stored} with other weights under the same id. */
  public void checkAgainst(Optional<ModelRegistered> stored) {
    if (stored.isEmpty()) {
      return;
    }
    ModelRegistered previous = stored.get();
    boolean sameWeights = sourceUri.equals(previous.getSourceUri()) && commit.equals(previous.getRevision());
    if (!sameWeights) {
      String repo = HubSourceUri.repo(sourceUri).orElseThrow();
      throw new UsageError("model " + modelId + " is already registered from " + previous.getSourceUri()
          + (previous.getRevision() == null ? "" : " at commit " + previous.getRevision()) + "; to map commit " + commit
          + " beside it, register --model " + repo + "@" + commit);
    }
  }
}
