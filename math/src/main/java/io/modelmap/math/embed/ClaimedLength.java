package io.modelmap.math.embed;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * A length read from stored bytes, checked against what is left before anything is allocated: a crafted
 * length (a 30-bit encoder, a 2^15 × 2^15 projection) would otherwise allocate gigabytes and throw
 * OutOfMemoryError, which no caller can treat as one bad record.
 */
final class ClaimedLength {
  private ClaimedLength() {}

  /**
   * {@code count} entries of {@code unitBytes}, refused unless {@code in} (reading bytes in memory, so that
   * {@link DataInputStream#available()} is exactly what is left) still holds them.
   */
  static int entries(DataInputStream in, long count, int unitBytes, String what) throws IOException {
    if (count < 0 || count * unitBytes > in.available()) {
      throw new IOException(what + " claims " + count + " entries of " + unitBytes + " bytes; " + in.available()
          + " bytes are left");
    }
    return (int) count;
  }
}
