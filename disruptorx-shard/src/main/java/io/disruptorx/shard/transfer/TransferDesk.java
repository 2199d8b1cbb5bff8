package io.disruptorx.shard.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.DirectBuffer;

/**
 * The transfers a sharded gateway carries out on request: other threads (an operator's admin connection) ask with
 * {@link #transfer}; the gateway's duty cycle ({@link #doWork}, and the shards' events through {@link #onEvent})
 * starts them on its {@link TransferCoordinator}, sends unfinished steps again once a second (after a restart too:
 * the coordinator's journal holds them), and answers each request with one line once its transfer has ended:
 * {@code transferred ...} (at the target), {@code returned ...} (the target refused; the funds are back at the
 * source) or {@code failed ...} (the source refused: nothing moved). A request with an id the coordinator knows
 * starts nothing new: it is answered with that transfer's end, as its journal records it (a client's retry never
 * moves funds twice).
 *
 * <p>An operator's path, not the order path: it allocates per request.
 */
public final class TransferDesk implements VenueEventHandler, AutoCloseable
{
    /** Transfer ids from here up are the mover's ({@code ShardMover.MOVE_TRANSFER}, {@code UNDO_TRANSFER}). */
    public static final long FIRST_RESERVED_ID = 1L << 60;

    private static final long RESEND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final TransferCoordinator coordinator;
    private final IntFunction<String> shardNames;
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final List<Request> waiting = new ArrayList<>();
    private long lastResend;
    private boolean resentOnce;

    private record Request(long id, long accountId, int assetId, long amount, int from, int to,
        CompletableFuture<String> answer)
    {
    }

    /**
     * @param coordinator the gateway's coordinator; closing this closes it.
     * @param shardNames  a shard's name by its index, for the answers.
     */
    public TransferDesk(final TransferCoordinator coordinator, final IntFunction<String> shardNames)
    {
        this.coordinator = coordinator;
        this.shardNames = shardNames;
    }

    /**
     * Asks for a transfer, from any thread.
     *
     * @param transferId positive id below {@link #FIRST_RESERVED_ID}, unique over the venue; a retry gives the same.
     * @param accountId  the account whose funds move.
     * @param assetId    asset.
     * @param amount     positive amount.
     * @param from       index of the source shard.
     * @param to         index of the target shard.
     * @return completed with one line once the transfer has ended (or at once when it is refused here).
     */
    public CompletableFuture<String> transfer(final long transferId, final long accountId, final int assetId,
        final long amount, final int from, final int to)
    {
        final Request request = new Request(transferId, accountId, assetId, amount, from, to,
            new CompletableFuture<>());
        if (transferId <= 0 || transferId >= FIRST_RESERVED_ID || amount <= 0 || from == to || assetId < 0)
        {
            request.answer.complete(String.format(Locale.ROOT, "refused: a transfer needs an id in [1, 2^60), a " +
                "positive amount, an asset and two different shards: id %d, asset %d, amount %d, %s -> %s",
                transferId, assetId, amount, shardNames.apply(from), shardNames.apply(to)));
            return request.answer;
        }
        requests.add(request);
        return request.answer;
    }

    /**
     * @return the coordinator (read on the gateway's thread only).
     */
    public TransferCoordinator coordinator()
    {
        return coordinator;
    }

    /**
     * The gateway's duty cycle: starts the requests that arrived, sends unfinished steps again on the timer and
     * answers the requests whose transfers ended.
     *
     * @param nowNanos a monotonic clock.
     * @return work done.
     */
    public int doWork(final long nowNanos)
    {
        int work = 0;
        if (!resentOnce || nowNanos - lastResend > RESEND_NANOS)
        {
            resentOnce = true;
            lastResend = nowNanos;
            work += coordinator.resendPending();
        }
        Request request;
        while ((request = requests.poll()) != null)
        {
            coordinator.start(request.id, request.accountId, request.assetId, request.amount, request.from,
                request.to);
            waiting.add(request);
            work++;
        }
        for (int i = waiting.size() - 1; i >= 0; i--)
        {
            final Request each = waiting.get(i);
            final TransferStep step = coordinator.step(each.id);
            if (step != null && step.isFinal())
            {
                waiting.remove(i);
                each.answer.complete(answer(each, step));
                work++;
            }
        }
        return work;
    }

    @Override
    public void onEvent(final long commandSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        coordinator.onEvent(commandSequence, buffer, offset, length);
    }

    /**
     * @param transferId an id.
     * @return where that transfer stands, for a request that did not wait for its end.
     */
    public static String unfinished(final long transferId)
    {
        return "unfinished: transfer " + transferId + " has not ended yet; the gateway goes on with it (ask again " +
            "with the same id for its end)";
    }

    @Override
    public void close()
    {
        Request left;
        while ((left = requests.poll()) != null)
        {
            left.answer.complete("refused: the gateway is stopping");
        }
        for (final Request each : waiting)
        {
            each.answer.complete(unfinished(each.id) + "; the gateway stopped, its journal goes on at the next start");
        }
        waiting.clear();
        coordinator.close();
    }

    private String answer(final Request request, final TransferStep step)
    {
        final TransferCoordinator.Recorded recorded = coordinator.recorded(request.id);
        final String what = String.format(Locale.ROOT, "transfer %d: %d of asset %d of account %d, %s -> %s",
            request.id, recorded.amount(), recorded.assetId(), recorded.accountId(), shardNames.apply(recorded.from()),
            shardNames.apply(recorded.to()));
        return switch (step)
        {
            case COMPLETED -> "transferred " + what;
            case RETURNED -> "returned " + what + " (the target refused it; the funds are back at the source)";
            case REUSED -> "failed: transfer id reused: " + what + " (the source shard has recorded another " +
                "transfer with this id; nothing moved)";
            default -> "failed " + what + " (the source refused it: not that much available, or an unknown " +
                "account; nothing moved)";
        };
    }
}
