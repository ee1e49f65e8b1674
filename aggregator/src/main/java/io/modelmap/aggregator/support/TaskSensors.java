package io.modelmap.aggregator.support;

import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The aggregator's own per-task metrics (group {@code modelmap-aggregator}), registered with Kafka
 * Streams so they appear wherever Streams metrics do (JMX, and Prometheus through Micrometer).
 */
public final class TaskSensors {
  /** The metric group of every sensor here. */
  public static final String GROUP = "modelmap-aggregator";

  private final Sensor sensor;

  private TaskSensors(Sensor sensor) {
    this.sensor = sensor;
  }

  /** The {@code dead-lettered-records} count. */
  public static TaskSensors deadLetters(ProcessorContext<?, ?> context) {
    return new TaskSensors(counter(context, "dead-lettered-records",
        "Records sent to a dead-letter topic because they could not be decoded or failed validation"));
  }

  /** A cumulative count sensor named {@code name}, tagged with the task, shared by the task's processors. */
  public static Sensor counter(ProcessorContext<?, ?> context, String name, String description) {
    String sensorName = context.taskId() + "." + name;
    Sensor sensor = context.metrics().addSensor(sensorName, Sensor.RecordingLevel.INFO);
    Map<String, String> tags = Map.of("task-id", context.taskId().toString());
    var metricName = new org.apache.kafka.common.MetricName(name, GROUP, description, tags);
    if (!sensor.hasMetrics()) {
      sensor.add(metricName, new CumulativeCount());
    }
    return sensor;
  }

  /** A sensor of durations in milliseconds, with {@code <name>-avg} and {@code <name>-max}. */
  public static Sensor latency(ProcessorContext<?, ?> context, String name, String description) {
    Sensor sensor = context.metrics().addSensor(context.taskId() + "." + name, Sensor.RecordingLevel.INFO);
    Map<String, String> tags = Map.of("task-id", context.taskId().toString());
    if (!sensor.hasMetrics()) {
      sensor.add(new org.apache.kafka.common.MetricName(name + "-avg", GROUP, description + " (mean)", tags),
          new Avg());
      sensor.add(new org.apache.kafka.common.MetricName(name + "-max", GROUP, description + " (max)", tags),
          new Max());
    }
    return sensor;
  }

  public void increment() {
    sensor.record();
  }
}
