package io.modelmap.aggregator.ingest;

import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/** The per-task {@code dead-lettered-records} metric (group {@code modelmap-aggregator}). */
public final class RejectionCounter {
  private final Sensor sensor;

  private RejectionCounter(Sensor sensor) {
    this.sensor = sensor;
  }

  public static RejectionCounter register(ProcessorContext<?, ?> context) {
    return new RejectionCounter(counter(context, "dead-lettered-records",
        "Records sent to a dead-letter topic because they could not be decoded or failed validation"));
  }

  /** A cumulative count sensor named {@code name}, tagged with the task, shared by the task's processors. */
  public static Sensor counter(ProcessorContext<?, ?> context, String name, String description) {
    String sensorName = context.taskId() + "." + name;
    Sensor sensor = context.metrics().addSensor(sensorName, Sensor.RecordingLevel.INFO);
    Map<String, String> tags = Map.of("task-id", context.taskId().toString());
    var metricName = new org.apache.kafka.common.MetricName(name, "modelmap-aggregator", description, tags);
    if (!sensor.hasMetrics()) {
      sensor.add(metricName, new CumulativeCount());
    }
    return sensor;
  }

  public void increment() {
    sensor.record();
  }
}
