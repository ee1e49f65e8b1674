package io.modelmap.cli.watch;

import java.util.Objects;

/**
 * The rules' answer for one model at one commit.
 *
 * @param register whether it is registered
 * @param rule the rules-file field that decided a skip, or {@link #ALL_RULES} for a registration
 * @param reason one line: what the model had and what the rule wanted
 */
public record Verdict(boolean register, String rule, String reason) {
  /** The rule a registration names: every rule passed. */
  public static final String ALL_RULES = "all-rules";

  public Verdict {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(reason, "reason");
  }

  static Verdict skip(String rule, String reason) {
    return new Verdict(false, rule, reason);
  }

  static Verdict registered(String reason) {
    return new Verdict(true, ALL_RULES, reason);
  }
}
