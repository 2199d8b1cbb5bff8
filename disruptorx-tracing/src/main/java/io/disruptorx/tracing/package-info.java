/**
 * Optional OpenTelemetry tracing of the embedded node: {@link io.disruptorx.tracing.OtelCommandSpans} turns each
 * sampled order's timeline into spans on a thread of its own; {@link io.disruptorx.tracing.OtlpTracing} wires it to
 * an OTLP exporter. Kept out of {@code dx.jar}: put {@code dx-tracing.jar} on the class path to use it.
 */
package io.disruptorx.tracing;
