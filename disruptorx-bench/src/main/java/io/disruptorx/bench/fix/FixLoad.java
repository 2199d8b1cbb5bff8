package io.disruptorx.bench.fix;

/**
 * A FIX order load both legs of {@code dx bench gateway} can be driven by: {@link FixWireLoad} (QuickFIX/J's
 * messages, written and read by a lean socket client, the default) or {@link QfjLoad} (a QuickFIX/J initiator).
 */
public interface FixLoad extends AutoCloseable
{
    /**
     * @param rate           offered orders per second.
     * @param warmupSeconds  sent but not measured.
     * @param measureSeconds measured.
     * @return the run.
     */
    QfjLoad.Run paced(long rate, double warmupSeconds, double measureSeconds);

    /**
     * @param window         unacknowledged orders kept in flight.
     * @param warmupSeconds  sent but not measured.
     * @param measureSeconds measured.
     * @return the run.
     */
    QfjLoad.Run saturated(int window, double warmupSeconds, double measureSeconds);

    @Override
    void close();
}
