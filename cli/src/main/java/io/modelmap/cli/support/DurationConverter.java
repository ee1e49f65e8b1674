package io.modelmap.cli.support;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Every duration option's value, as a person types it: {@code 90s}, {@code 10m}, {@code 2h}, {@code 1h30m} (units
 * d, h, m, s, ms, largest first), or ISO-8601 ({@code PT10M}). Every duration option names it as its
 * {@code converter} ({@code SharedOptionsTest} holds every one to it); a bad value is a parse error, so picocli
 * names the option in its one line (exit 2).
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  /** What a refusal and the help texts name. */
  public static final String FORMS = "e.g. 90s, 10m, 2h, 1h30m or ISO-8601 PT10M";
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");
  private static final String[] ORDER = {"d", "h", "m", "s", "ms"};

  @Override
  public Duration convert(String value) {
    Duration duration = parse(value.trim());
    if (duration.isZero() || duration.isNegative()) {
      throw new TypeConversionException("'" + value + "' is not a duration greater than zero (" + FORMS + ")");
    }
    return duration;
  }

  private static Duration parse(String text) {
    if (text.startsWith("P") || text.startsWith("p") || text.startsWith("-P")) {
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw refusal(text);
      }
    }
    Matcher part = PART.matcher(text.toLowerCase(java.util.Locale.ROOT));
    Duration total = Duration.ZERO;
    int end = 0;
    int lastUnit = -1;
    while (part.find() && part.start() == end) {
      int unit = java.util.Arrays.asList(ORDER).indexOf(part.group(2));
      if (unit <= lastUnit) { // 10m5h or 1m1m: a typo rather than a sum
        throw refusal(text);
      }
      total = total.plus(amount(Long.parseLong(part.group(1)), part.group(2)));
      lastUnit = unit;
      end = part.end();
    }
    if (end == 0 || end != text.length()) {
      throw refusal(text);
    }
    return total;
  }

  private static Duration amount(long value, String unit) {
    return switch (unit) {
      case "d" -> Duration.ofDays(value);
      case "h" -> Duration.ofHours(value);
      case "m" -> Duration.ofMinutes(value);
      case "s" -> Duration.ofSeconds(value);
      default -> Duration.ofMillis(value);
    };
  }

  private static TypeConversionException refusal(String text) {
    return new TypeConversionException("'" + text + "' is not a duration (" + FORMS + ")");
  }
}
