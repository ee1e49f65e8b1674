package io.modelmap.eval.limits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The shared data's copies under {@code src/test/resources/data} and the numbers
 * {@code data-limits/data_limits.py} (plain Python, run once) computed from them.
 */
final class DataLimits {
  private DataLimits() {}

  static Path data(String name) {
    try {
      return Path.of(DataLimits.class.getResource("/data/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Properties expected() {
    try (InputStream in = DataLimits.class.getResourceAsStream("/data-limits/data_limits.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double number(Properties p, String key) {
    return Double.parseDouble(p.getProperty(key));
  }
}
