package io.disruptorx.audit;

/**
 * The head of an audit chain: the sequence of the last record and its hash. A venue checkpoints it (see
 * {@link AuditCheckpoints}) so that a log cut short or rewritten is found when the trail starts again.
 *
 * @param sequence the last record's sequence (from 1).
 * @param hash     its SHA-256, 64 lower-case hex digits.
 */
public record AuditHead(long sequence, String hash)
{
    @Override
    public String toString()
    {
        return "record " + sequence + " (hash " + hash + ")";
    }
}
