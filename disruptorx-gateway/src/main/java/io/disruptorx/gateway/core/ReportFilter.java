package io.disruptorx.gateway.core;

/**
 * Which reports a protocol can express, decided when a report is sequenced for a session (never when it is
 * sent), so a session's sequence numbers count exactly the messages its client receives. Must not allocate.
 */
@FunctionalInterface
public interface ReportFilter
{
    /** Every report. */
    ReportFilter ALL = report -> true;

    /**
     * @param report a report for the session.
     * @return whether the session's protocol sends it.
     */
    boolean accepts(Report report);
}
