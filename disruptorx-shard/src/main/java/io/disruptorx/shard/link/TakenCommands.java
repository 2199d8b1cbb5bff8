package io.disruptorx.shard.link;

/**
 * The gateway's account of which of its link frames a shard has made durable. The shard's ACK says how many frames
 * it took and the journal sequence of the last command among them; a command is durable once its sequence is
 * journalled, which the gateway knows when an event of that sequence or a later one arrives (the node emits a
 * command's events only after its journal has it, and in journal order). Until then the gateway keeps the frames in
 * its log: a shard host that restarts may have lost them with its process, and only the frames the gateway still
 * holds can be matched against the restarted shard's journal or sent again.
 *
 * <p>It also counts the events the gateway has, for the HELLO after a restart: the command sequence of the last
 * event and how many events of that command arrived; and the journal sequence the frames it dropped are durable up
 * to. The log drops frames a whole ACK at a time, so it may still hold frames whose commands are at or before the
 * last event: a restarted shard must match those against its journal too, from the durable sequence on, or it would
 * apply them a second time. Fixed arrays; no allocation. One thread uses an instance.
 */
final class TakenCommands
{
    private static final int CAPACITY = 1024;

    private final long[] counts = new long[CAPACITY];
    private final long[] sequences = new long[CAPACITY];
    private int head;
    private int size;
    private long lastEvent;
    private long eventsOfLast;
    private long durableSequence;
    private boolean welcomed;

    /**
     * The shard answered a HELLO ({@link ShardLinkFrames#WELCOME}). The first answer of a new link carries the
     * journal sequence the shard had applied when the link began: the events of the commands up to it are no
     * concern of this link, so it counts as the last event received until a later one arrives (a restarted shard
     * then makes no events of earlier commands again). A restarted shard says again what it took; any other answer
     * is an ACK.
     *
     * @param count     frames taken.
     * @param sequence  journal sequence of the last command among them (of a new link: applied when it began).
     * @param restarted whether the shard host restarted.
     * @param stream    the gateway's stream.
     */
    void welcome(final long count, final long sequence, final boolean restarted, final LinkStream stream)
    {
        if (restarted)
        {
            clear();
        }
        else if (!welcomed && sequence > lastEvent)
        {
            lastEvent = sequence;
            eventsOfLast = 0;
            durableSequence = Math.max(durableSequence, sequence);
        }
        else
        {
            taken(count, sequence, stream);
        }
        welcomed = true;
    }

    /**
     * The shard took frames up to {@code count}, the last command among them journalled (or to be) at
     * {@code sequence}. When the record is full the newest entry is widened, which only makes the log wait longer.
     *
     * @param count    frames taken so far.
     * @param sequence journal sequence of the last command among them, or below 1 for none.
     * @param stream   the gateway's stream, whose log drops the frames that are durable.
     */
    void taken(final long count, final long sequence, final LinkStream stream)
    {
        record(count, sequence);
        trim(stream);
    }

    private void record(final long count, final long sequence)
    {
        if (size > 0)
        {
            final int newest = (head + size - 1) % CAPACITY;
            if (count <= counts[newest])
            {
                return;
            }
            if (size == CAPACITY)
            {
                counts[newest] = count;
                sequences[newest] = sequence;
                return;
            }
        }
        final int at = (head + size) % CAPACITY;
        counts[at] = count;
        sequences[at] = sequence;
        size++;
    }

    /**
     * An event arrived.
     *
     * @param sequence its command sequence.
     * @param stream   the gateway's stream, whose log drops the frames that are durable.
     */
    void onEvent(final long sequence, final LinkStream stream)
    {
        if (sequence == lastEvent)
        {
            eventsOfLast++;
        }
        else if (sequence > lastEvent)
        {
            lastEvent = sequence;
            eventsOfLast = 1;
        }
        trim(stream);
    }

    /**
     * Drops from the log the frames that are durable by the events so far.
     */
    private void trim(final LinkStream stream)
    {
        long durable = -1;
        while (size > 0 && sequences[head] <= lastEvent)
        {
            durable = counts[head];
            durableSequence = Math.max(durableSequence, sequences[head]);
            head = (head + 1) % CAPACITY;
            size--;
        }
        if (durable >= 0)
        {
            stream.acknowledged(durable);
        }
    }

    /**
     * Writes the seven longs of a HELLO ({@link ShardLinkFrames#HELLO}).
     *
     * @param into     seven longs.
     * @param linkId   the link's id.
     * @param received frames of the shard's stream received.
     * @param stream   the gateway's stream.
     * @return {@code into}.
     */
    long[] hello(final long[] into, final long linkId, final long received, final LinkStream stream)
    {
        into[0] = linkId;
        into[1] = received;
        into[2] = stream.first();
        into[3] = stream.appended();
        into[4] = lastEvent;
        into[5] = eventsOfLast;
        into[6] = durableSequence;
        return into;
    }

    /**
     * Forgets what the shard said it took: a restarted shard says again what its journal holds.
     */
    void clear()
    {
        head = 0;
        size = 0;
    }
}
