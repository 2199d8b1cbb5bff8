package io.disruptorx.cluster.service;

/**
 * What the clustered service counts, one Aeron counter each (type {@link #TYPE_ID}), readable from another process
 * through the member's media driver: {@code dx cluster status} prints them.
 */
public enum ServiceCounter
{
    /** Commands applied to the engine. */
    COMMANDS_APPLIED("commands applied"),
    /** Re-sent commands already applied, dropped before the engine (a gateway's re-send after a failover). */
    DUPLICATES_DROPPED("re-sent commands dropped as duplicates"),
    /** Commands on a session that never sent HELLO (client fault). */
    COMMANDS_WITHOUT_HELLO("commands without hello"),
    /** Ingress frames too short or of unknown type (client fault). */
    MALFORMED_FRAMES("malformed ingress frames"),
    /** Commands the engine's dispatcher could not read (client fault). */
    UNREADABLE_COMMANDS("unreadable commands"),
    /** Command sequences that skipped ahead (a gateway bug: a command it numbered was never sent). */
    COMMAND_GAPS("command sequence gaps"),
    /** Egress frames dropped under back-pressure; the gateway notices the gap and asks again. */
    EGRESS_DROPPED("egress frames dropped"),
    /** Events sent again on HELLO or RESEND. */
    EVENTS_REPLAYED("events replayed"),
    /** Events a gateway asked for that the replay store no longer held. */
    EVENTS_LOST("events lost to gateways"),
    /** 1 while this member transmits its feed line, 0 while it replays or catches up. */
    FEED_TRANSMITTING("feed transmitting");

    /** Aeron counter type id of every DisruptorX cluster service counter. */
    public static final int TYPE_ID = 3_001;
    /** Label prefix. */
    public static final String LABEL_PREFIX = "dx-cluster: ";

    private final String label;

    ServiceCounter(final String label)
    {
        this.label = label;
    }

    /**
     * @return the counter's label, prefixed.
     */
    public String label()
    {
        return LABEL_PREFIX + label;
    }
}
