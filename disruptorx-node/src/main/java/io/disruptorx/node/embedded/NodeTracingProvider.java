package io.disruptorx.node.embedded;

/**
 * Tracing that a jar beside {@code dx.jar} offers the node through {@link java.util.ServiceLoader}: the optional
 * {@code disruptorx-tracing} module ({@code dx-tracing.jar}, OpenTelemetry) registers one. {@code dx.jar} itself
 * carries no tracing library.
 */
public interface NodeTracingProvider
{
    /**
     * Starts the span export.
     *
     * @param config the settings, with tracing on.
     * @return the node's tracing and what to close after the node (flushing the spans still queued).
     */
    Session open(TracingConfig config);

    /**
     * Tracing opened for one node.
     *
     * @param tracing  what the node is started with.
     * @param resources closed after the node.
     */
    record Session(NodeTracing tracing, AutoCloseable resources) implements AutoCloseable
    {
        /** No tracing, nothing to close. */
        public static final Session OFF = new Session(NodeTracing.OFF, null);

        /**
         * Closes the resources, if any.
         *
         * @throws Exception as the resources' close does.
         */
        @Override
        public void close() throws Exception
        {
            if (resources != null)
            {
                resources.close();
            }
        }
    }
}
