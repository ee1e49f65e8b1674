package io.modelmap.scorer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HalfFloatsTest {

  @Test
  void everyHalfConvertsBackToItself() {
    for (int h = 0; h < 0x10000; h++) {
      float value = HalfFloats.fromHalf((short) h);
      if (Float.isNaN(value)) {
        assertThat(Float.isNaN(HalfFloats.fromHalf(HalfFloats.toHalf(value)))).isTrue();
      } else {
        assertThat(HalfFloats.toHalf(value) & 0xFFFF).as("half 0x%04x", h).isEqualTo(h);
      }
    }
  }

  @Test
  void aFloatBecomesTheNearestHalfTiesToEven() {
    Random random = new Random(5);
    for (int i = 0; i < 200_000; i++) {
      float x = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9) - 6));
      short h = HalfFloats.toHalf(x);
      double error = Math.abs(HalfFloats.fromHalf(h) - (double) x);
      // no other half is nearer: compare with the neighbours one unit below and above (same sign)
      for (int step : new int[] {-1, 1}) {
        int neighbour = (h & 0xFFFF) + step;
        if ((neighbour & 0x7FFF) < 0x7C00 && (neighbour & 0x8000) == (h & 0x8000)) {
          assertThat(error).as("x = %s", x).isLessThanOrEqualTo(Math.abs(HalfFloats.fromHalf((short) neighbour) - (double) x));
        }
      }
    }
    // a tie: 1 + 2^-11 lies halfway between 1 and 1 + 2^-10; the even one (1) wins
    assertThat(HalfFloats.fromHalf(HalfFloats.toHalf(1 + 0x1p-11f))).isEqualTo(1f);
    assertThat(HalfFloats.fromHalf(HalfFloats.toHalf(1 + 3 * 0x1p-11f))).isEqualTo(1 + 0x1p-9f);
    assertThat(HalfFloats.fromHalf(HalfFloats.toHalf(70000f))).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(HalfFloats.fromHalf(HalfFloats.toHalf(1e-9f))).isEqualTo(0f);
  }
}
