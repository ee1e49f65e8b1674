package io.modelmap.scorer.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

/** The --device values as PyTorch users type them, resolved against a given number of GPUs (no engine loaded). */
class DeviceChoiceTest {
  @Test
  void shouldPickTheCpuForAutoWithoutAGpuAndTheFirstGpuWithOne() {
    assertThat(DeviceChoice.resolve("auto", () -> 0)).isEqualTo(Device.cpu());
    assertThat(DeviceChoice.resolve("auto", () -> 2)).isEqualTo(Device.gpu(0));
  }

  @Test
  void shouldAcceptGpuCudaAndCudaWithAnIndex() {
    assertThat(DeviceChoice.resolve("gpu", () -> 2)).isEqualTo(Device.gpu(0));
    assertThat(DeviceChoice.resolve("cuda", () -> 2)).isEqualTo(Device.gpu(0));
    assertThat(DeviceChoice.resolve("cuda:1", () -> 2)).isEqualTo(Device.gpu(1));
    assertThat(DeviceChoice.resolve("CUDA:0", () -> 1)).isEqualTo(Device.gpu(0));
  }

  @Test
  void shouldNeverAskForGpusWhenTheCpuIsChosen() {
    assertThat(DeviceChoice.resolve("cpu", () -> {
      throw new AssertionError("the engine must not load for --device cpu");
    })).isEqualTo(Device.cpu());
  }

  @Test
  void shouldRefuseAGpuWhenThereIsNone() {
    assertThatThrownBy(() -> DeviceChoice.resolve("cuda:0", () -> 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--device cuda:0: no CUDA device: use --device cpu");
  }

  @Test
  void shouldRefuseAGpuNumberBeyondThoseThereAre() {
    assertThatThrownBy(() -> DeviceChoice.resolve("cuda:2", () -> 2))
        .hasMessage("--device cuda:2: PyTorch sees 2 CUDA devices (cuda:0 to cuda:1)");
  }

  @Test
  void shouldRefuseAValueThatIsNoDevice() {
    assertThatThrownBy(() -> DeviceChoice.resolve("tpu", () -> 0))
        .hasMessage("--device 'tpu': not a device; use auto, cpu, gpu, cuda or cuda:N");
  }
}
