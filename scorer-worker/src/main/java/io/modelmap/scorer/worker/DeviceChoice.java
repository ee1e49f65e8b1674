package io.modelmap.scorer.worker;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a worker scores, in the words PyTorch users type: {@code auto} (the first GPU when the engine sees one, else
 * the CPU), {@code cpu}, {@code gpu} or {@code cuda} (the first GPU), {@code cuda:N} (GPU number N). A GPU that is not
 * there is refused with one line before anything loads.
 */
public final class DeviceChoice {
  /** The accepted values, as help texts and refusals name them. */
  public static final String VALUES = "auto, cpu, gpu, cuda or cuda:N";
  private static final Pattern CUDA = Pattern.compile("(?:gpu|cuda)(?::(\\d{1,3}))?");

  private DeviceChoice() {}

  /** The device for {@code choice}, asking the PyTorch engine how many GPUs it sees (only when the choice needs it). */
  public static Device resolve(String choice) {
    return resolve(choice, () -> Engine.getEngine("PyTorch").getGpuCount());
  }

  /**
   * The device for {@code choice} given the GPUs there are: an {@link IllegalArgumentException} with a one-line
   * message for a value that is not a device or a GPU that is not there.
   */
  public static Device resolve(String choice, IntSupplier gpuCount) {
    String value = choice == null ? "" : choice.trim().toLowerCase(java.util.Locale.ROOT);
    if (value.equals("cpu")) {
      return Device.cpu();
    }
    if (value.equals("auto")) {
      return gpuCount.getAsInt() > 0 ? Device.gpu() : Device.cpu();
    }
    Matcher cuda = CUDA.matcher(value);
    if (!cuda.matches()) {
      throw new IllegalArgumentException("--device '" + choice + "': not a device; use " + VALUES);
    }
    int index = cuda.group(1) == null ? 0 : Integer.parseInt(cuda.group(1));
    int gpus = gpuCount.getAsInt();
    if (gpus == 0) {
      throw new IllegalArgumentException("--device " + choice + ": no CUDA device: use --device cpu (or check the"
          + " driver and PYTORCH_FLAVOR/PYTORCH_LIBRARY_PATH)");
    }
    if (index >= gpus) {
      throw new IllegalArgumentException("--device " + choice + ": PyTorch sees " + gpus + " CUDA device"
          + (gpus == 1 ? "" : "s") + " (cuda:0" + (gpus == 1 ? "" : " to cuda:" + (gpus - 1)) + ")");
    }
    return Device.gpu(index);
  }

  /**
   * Windows per forward pass when none is configured: 1 on a CPU, where one window already fills the
   * cores and padding only costs (measured with bench-scorer), 32 on a GPU, which needs wide batches;
   * out-of-memory batches are halved anyway.
   */
  public static int defaultBatchSize(Device device) {
    return device.isGpu() ? 32 : 1;
  }
}
