package io.disruptorx.journal;

/**
 * When appended records are forced to the storage device.
 */
public enum ForcePolicy
{
    /** Force at the end of every batch: nothing acknowledged is lost, even on power loss. */
    EVERY_BATCH,

    /**
     * Force at the end of a batch when the configured interval has passed since the last force: a power
     * loss may lose up to that interval; a process crash loses nothing (the page cache survives it). With
     * {@link JournalConfig#forcer()} the forces run on a thread of the journal's own, under the same bound
     * ({@code IntervalForcer}).
     */
    INTERVAL,

    /** Never force; the operating system writes back when it likes. For benchmarks only. */
    NEVER
}
