package io.modelmap.cli.watch;

import io.modelmap.hub.ListedModel;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Applies {@link WatchRules} to one listed model, the cheap rules first: the {@code model_type} (a request for
 * config.json) is only asked for when every other rule has passed. The first rule that fails names the skip.
 */
public final class RuleCheck {
  private final WatchRules rules;
  private final boolean tokenSet;

  /** Checks under {@code rules}; {@code tokenSet}: whether {@code HF_TOKEN} is set (gated models need it). */
  public RuleCheck(WatchRules rules, boolean tokenSet) {
    this.rules = rules;
    this.tokenSet = tokenSet;
  }

  /** The verdict for {@code model}; {@code modelType} reads its config.json's {@code model_type} when needed. */
  public Verdict check(ListedModel model, Supplier<Optional<String>> modelType) {
    String author = model.author();
    if (rules.skipOrganizations().contains(author)) {
      return Verdict.skip("skip-organizations", "author " + author + " is in skip-organizations");
    }
    if (!rules.organizations().isEmpty() && !rules.organizations().contains(author)) {
      return Verdict.skip("organizations", "author " + author + " is not in organizations " + rules.organizations());
    }
    if (!rules.namePatterns().isEmpty()
        && rules.namePatterns().stream().noneMatch(p -> p.matcher(model.id()).matches())) {
      return Verdict.skip("name-patterns", model.id() + " matches none of " + rules.namePatterns().stream()
          .map(Pattern::pattern).toList());
    }
    if (!rules.licenses().isEmpty() && model.license().map(l -> !rules.licenses().contains(l)).orElse(true)) {
      return Verdict.skip("licenses", "licence " + model.license().orElse("(none given)") + " is not in licenses "
          + rules.licenses());
    }
    if (model.gated() && !(rules.gated() && tokenSet)) {
      return Verdict.skip("gated", rules.gated() ? "gated, and HF_TOKEN is not set"
          : "gated, and the rules say gated: false");
    }
    if (rules.maxParameters().isPresent()) {
      long most = rules.maxParameters().getAsLong();
      if (model.parameters().isEmpty()) {
        return Verdict.skip("max-parameters", "the Hub gives no parameter count (no safetensors metadata)");
      }
      if (model.parameters().getAsLong() > most) {
        return Verdict.skip("max-parameters", model.parameters().getAsLong() + " parameters, more than " + most);
      }
    }
    Optional<String> type = modelType.get();
    if (type.isEmpty()) {
      return Verdict.skip("architectures", "config.json names no model_type");
    }
    if (!rules.architectures().contains(type.get())) {
      return Verdict.skip("architectures", "model_type " + type.get() + " is not in architectures");
    }
    return Verdict.registered("model_type " + type.get()
        + model.parameters().stream().mapToObj(p -> ", " + p + " parameters").findFirst().orElse("")
        + model.license().map(l -> ", licence " + l).orElse(""));
  }
}
