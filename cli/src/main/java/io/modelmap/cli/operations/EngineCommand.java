package io.modelmap.cli.operations;

import ai.djl.engine.Engine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code modelmap engine}: loads the PyTorch engine and prints its version and devices. Container
 * builds run it so the native library is unpacked into the DJL cache at build time, not at run time.
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
    description = "Load the DJL PyTorch engine and print its version and the devices scorers would use.")
public final class EngineCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    Engine engine = Engine.getEngine("PyTorch");
    System.out.printf("DJL %s, %s %s; GPUs: %d; default device: %s%n", Engine.getDjlVersion(), engine.getEngineName(),
        engine.getVersion(), engine.getGpuCount(), engine.defaultDevice());
    return 0;
  }
}
