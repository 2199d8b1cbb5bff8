package io.disruptorx.systemtest;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.DispatchRejectHandler;
import io.disruptorx.engine.sbe.SbeCommandDispatcher;
import io.disruptorx.journal.JournalReader;
import io.disruptorx.node.embedded.NodeState;

/**
 * A whole journal replayed from its first record into a fresh engine: what the journal says happened to every
 * order and cancel, the engine state (digest) right after chosen sequences, and the final state.
 */
final class JournalReplay
{
    /**
     * What the journal decided for one NewOrder or CancelOrder.
     *
     * @param sequence journal sequence of the command.
     * @param account  account.
     * @param orderId  order id (0 for a rejected NewOrder).
     * @param result   {@link CrashTestNode#ACCEPTED}, {@link CrashTestNode#CANCELLED} or a reject reason.
     */
    record Outcome(long sequence, long account, long orderId, String result)
    {
    }

    /**
     * Engine state right after a sequence.
     *
     * @param crc    CRC32C of the snapshot bytes.
     * @param length snapshot bytes.
     */
    record Digest(long crc, int length)
    {
    }

    final Map<Long, Outcome> orders = new HashMap<>();
    final Map<Long, Outcome> cancels = new HashMap<>();
    final Map<Long, Digest> digests = new HashMap<>();
    final JournalReader.Scan scan;
    final byte[] finalState;
    /** Journal records the dispatcher could not decode (must be none). */
    final long malformed;
    private final Recorder recorder = new Recorder();
    private long sequence;
    private long duplicateIds;

    private JournalReplay(final Path journal, final EngineConfig config, final Set<Long> digestAfter)
    {
        final MatchingEngine engine = new MatchingEngine(config, recorder);
        final SbeCommandDispatcher dispatcher = new SbeCommandDispatcher(engine, DispatchRejectHandler.IGNORE);
        if (digestAfter.contains(0L))
        {
            digests.put(0L, digestOf(NodeState.snapshotOf(engine)));
        }
        scan = JournalReader.read(journal, (recordSequence, buffer, offset, length) ->
        {
            sequence = recordSequence;
            dispatcher.dispatch(buffer, offset, length);
            if (digestAfter.contains(recordSequence))
            {
                digests.put(recordSequence, digestOf(NodeState.snapshotOf(engine)));
            }
        });
        finalState = NodeState.snapshotOf(engine);
        malformed = dispatcher.totalRejectCount();
    }

    /**
     * @param journal     journal directory.
     * @param config      the engine settings the node ran with.
     * @param digestAfter sequences after which to take the state digest (0: before the first record).
     * @return the replay.
     */
    static JournalReplay of(final Path journal, final EngineConfig config, final Set<Long> digestAfter)
    {
        return new JournalReplay(journal, config, digestAfter);
    }

    /**
     * @return client order ids or cancel request ids met more than once (each run must use fresh ids).
     */
    long duplicateIds()
    {
        return duplicateIds;
    }

    private static Digest digestOf(final byte[] state)
    {
        return new Digest(NodeState.digest(state), state.length);
    }

    private void record(final Map<Long, Outcome> outcomes, final long id, final Outcome outcome)
    {
        if (outcomes.putIfAbsent(id, outcome) != null)
        {
            duplicateIds++;
        }
    }

    /**
     * Records the outcome of each NewOrder and requested cancel, with the sequence of the command being replayed.
     */
    private final class Recorder extends EngineListenerAdapter
    {
        @Override
        public void onOrderAccepted(
            final long timestamp,
            final long orderId,
            final long clientOrderId,
            final long accountId,
            final int instrumentId,
            final Side side,
            final OrderType type,
            final TimeInForce timeInForce,
            final long price,
            final long quantity)
        {
            record(orders, clientOrderId, new Outcome(sequence, accountId, orderId, CrashTestNode.ACCEPTED));
        }

        @Override
        public void onOrderRejected(
            final long timestamp, final long clientOrderId, final long accountId, final int instrumentId,
            final RejectReason reason)
        {
            record(orders, clientOrderId, new Outcome(sequence, accountId, 0, reason.name()));
        }

        @Override
        public void onOrderCancelled(
            final long timestamp,
            final long orderId,
            final long clientOrderId,
            final long requestId,
            final long accountId,
            final int instrumentId,
            final long cancelledQuantity,
            final CancelReason reason)
        {
            if (reason == CancelReason.REQUESTED)
            {
                record(cancels, requestId, new Outcome(sequence, accountId, orderId, CrashTestNode.CANCELLED));
            }
        }

        @Override
        public void onCancelRejected(
            final long timestamp, final long orderId, final long requestId, final long accountId,
            final RejectReason reason)
        {
            record(cancels, requestId, new Outcome(sequence, accountId, orderId, reason.name()));
        }
    }
}
