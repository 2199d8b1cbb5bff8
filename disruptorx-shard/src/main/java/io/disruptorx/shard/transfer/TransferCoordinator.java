package io.disruptorx.shard.transfer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.disruptorx.protocol.sbe.command.BooleanType;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.SettleTransferEncoder;
import io.disruptorx.protocol.sbe.command.TransferInEncoder;
import io.disruptorx.protocol.sbe.command.TransferOutEncoder;
import io.disruptorx.protocol.sbe.event.AdminResultDecoder;
import io.disruptorx.protocol.sbe.event.AdminType;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.RejectReason;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.routing.ShardIds;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Moves an account's funds from one shard's ledger to another's, exactly once, through both shards' logs:
 * TransferOut at the source (the funds leave the balance and are in flight), TransferIn at the target (credited),
 * SettleTransfer at the source (completed; or returned to the account when the target refused them).
 *
 * <p>Each step is written to the coordinator's {@link TransferJournal} and forced before the next command is sent,
 * and every shard decides a transfer id once (a repeat gets the first answer and changes nothing; the same id with
 * another account, asset, amount or direction is refused {@code TRANSFER_ID_REUSED}, which ends a transfer at its
 * source as {@link TransferStep#REUSED}). So after a crash
 * of the coordinator (or of the gateway it runs in) a new coordinator on the same journal re-sends the step each
 * unfinished transfer had reached ({@link #resendPending}); after a shard restarts and replays its log, the same
 * re-send finds the step either applied (answered as before) or not (applied now). Nothing is lost, nothing applied
 * twice. The host calls {@link #resendPending} after start-up and on a timer, and feeds the shards' events to
 * {@link #onEvent} (the sharded venue client's stream, whose command sequences name the shard).
 *
 * <p>Runs at the edge, not in an engine: it may allocate (one record per transfer) and it reads no engine state.
 * One thread uses an instance.
 */
public final class TransferCoordinator implements VenueEventHandler, AutoCloseable
{
    /**
     * Sends a command to one shard.
     */
    @FunctionalInterface
    public interface ShardLink
    {
        /**
         * @return a positive value when the shard took the command (as {@code VenueClient.offer}).
         */
        long offerTo(int shard, DirectBuffer buffer, int offset, int length);
    }

    private static final class Transfer
    {
        final long id;
        final long accountId;
        final int assetId;
        final long amount;
        final int from;
        final int to;
        TransferStep step;

        Transfer(final long id, final long accountId, final int assetId, final long amount, final int from,
            final int to, final TransferStep step)
        {
            this.id = id;
            this.accountId = accountId;
            this.assetId = assetId;
            this.amount = amount;
            this.from = from;
            this.to = to;
            this.step = step;
        }
    }

    private final ShardLink link;
    private final TransferJournal journal;
    private final Map<Long, Transfer> transfers = new LinkedHashMap<>();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[64]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TransferOutEncoder transferOut = new TransferOutEncoder();
    private final TransferInEncoder transferIn = new TransferInEncoder();
    private final SettleTransferEncoder settle = new SettleTransferEncoder();
    private final MessageHeaderDecoder eventHeader = new MessageHeaderDecoder();
    private final AdminResultDecoder adminResult = new AdminResultDecoder();

    /**
     * Opens the journal and takes up every transfer it records, at its last step. Nothing is sent until
     * {@link #resendPending}.
     *
     * @param journalFile the coordinator's journal.
     * @param link        sends commands to shards.
     */
    public TransferCoordinator(final Path journalFile, final ShardLink link)
    {
        this.link = link;
        this.journal = new TransferJournal(journalFile, (step, id, account, asset, amount, from, to) ->
        {
            final Transfer known = transfers.get(id);
            if (known == null)
            {
                transfers.put(id, new Transfer(id, account, asset, amount, from, to, step));
            }
            else
            {
                known.step = step;
            }
        });
    }

    /**
     * Starts a transfer, or, for an id already known, does nothing but answer where it stands (a client's retry).
     *
     * @param transferId positive id, unique over the venue, naming the transfer on both shards.
     * @param accountId  the account whose funds move.
     * @param assetId    asset.
     * @param amount     positive amount.
     * @param from       source shard.
     * @param to         target shard, not the source.
     * @return the step the transfer is at.
     */
    public TransferStep start(
        final long transferId, final long accountId, final int assetId, final long amount, final int from,
        final int to)
    {
        if (transferId <= 0 || amount <= 0 || from == to)
        {
            throw new IllegalArgumentException("a transfer needs a positive id and amount and two shards: id=" +
                transferId + " amount=" + amount + " from=" + from + " to=" + to);
        }
        final Transfer known = transfers.get(transferId);
        if (known != null)
        {
            return known.step;
        }
        final Transfer transfer = new Transfer(transferId, accountId, assetId, amount, from, to,
            TransferStep.REQUESTED);
        record(transfer, TransferStep.REQUESTED);
        transfers.put(transferId, transfer);
        send(transfer);
        return transfer.step;
    }

    /**
     * @param transferId a transfer id.
     * @return its step, or null when the coordinator does not know it.
     */
    public TransferStep step(final long transferId)
    {
        final Transfer transfer = transfers.get(transferId);
        return transfer == null ? null : transfer.step;
    }

    /**
     * @param transferId a transfer id.
     * @return what the journal records for it (account, asset, amount, shards), or null when unknown.
     */
    public Recorded recorded(final long transferId)
    {
        final Transfer transfer = transfers.get(transferId);
        return transfer == null ? null : new Recorded(transfer.accountId, transfer.assetId, transfer.amount,
            transfer.from, transfer.to);
    }

    /**
     * A transfer as the coordinator's journal records it.
     *
     * @param accountId the account whose funds move.
     * @param assetId   asset.
     * @param amount    amount.
     * @param from      source shard.
     * @param to        target shard.
     */
    public record Recorded(long accountId, int assetId, long amount, int from, int to)
    {
    }

    /**
     * Receives one transfer the coordinator knows ({@link #forEach}).
     */
    @FunctionalInterface
    public interface TransferVisitor
    {
        /**
         * @param transferId the transfer's id.
         * @param recorded   what the journal records for it.
         * @param step       the step it is at.
         */
        void visit(long transferId, Recorded recorded, TransferStep step);
    }

    /**
     * Visits every transfer the coordinator knows, in the order they were started (an edge path: it allocates).
     *
     * @param visitor receives each.
     */
    public void forEach(final TransferVisitor visitor)
    {
        for (final Transfer transfer : transfers.values())
        {
            visitor.visit(transfer.id, new Recorded(transfer.accountId, transfer.assetId, transfer.amount,
                transfer.from, transfer.to), transfer.step);
        }
    }

    /**
     * @return transfers not finished yet.
     */
    public int pending()
    {
        int pending = 0;
        for (final Transfer transfer : transfers.values())
        {
            if (!transfer.step.isFinal())
            {
                pending++;
            }
        }
        return pending;
    }

    /**
     * @param accountId account.
     * @param assetId   asset.
     * @return what the account has on its way between shards: taken out of a source, not yet credited at the target
     * or returned (as far as the coordinator has heard).
     */
    public long inFlight(final long accountId, final int assetId)
    {
        long total = 0;
        for (final Transfer transfer : transfers.values())
        {
            if ((transfer.step == TransferStep.SENT || transfer.step == TransferStep.REFUSED) &&
                transfer.accountId == accountId && transfer.assetId == assetId)
            {
                total += transfer.amount;
            }
        }
        return total;
    }

    /**
     * Sends again the command of every unfinished transfer's step: after start-up, and on the host's timer.
     *
     * @return commands the shards took.
     */
    public int resendPending()
    {
        int sent = 0;
        for (final Transfer transfer : transfers.values())
        {
            if (!transfer.step.isFinal() && send(transfer) > 0)
            {
                sent++;
            }
        }
        return sent;
    }

    /**
     * Takes the shards' AdminResults for transfers and moves each transfer on; other events are ignored.
     *
     * @param commandSequence global command sequence ({@link ShardIds}): its low bits name the shard.
     */
    @Override
    public void onEvent(final long commandSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        eventHeader.wrap(buffer, offset);
        if (eventHeader.templateId() != AdminResultDecoder.TEMPLATE_ID)
        {
            return;
        }
        adminResult.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, eventHeader.blockLength(),
            eventHeader.version());
        final AdminType type = adminResult.adminType();
        if (type == AdminType.TRANSFER_OUT || type == AdminType.TRANSFER_IN || type == AdminType.SETTLE_TRANSFER)
        {
            onResult(ShardIds.shardOf(commandSequence), type, adminResult.subjectId(), adminResult.resultRaw());
        }
    }

    private void onResult(final int shard, final AdminType type, final long transferId, final short reason)
    {
        final boolean applied = reason == RejectReason.NONE.value();
        final Transfer transfer = transfers.get(transferId);
        if (transfer == null)
        {
            return;
        }
        final TransferStep next;
        if (type == AdminType.TRANSFER_OUT && shard == transfer.from && transfer.step == TransferStep.REQUESTED)
        {
            next = applied ? TransferStep.SENT :
                reason == RejectReason.TRANSFER_ID_REUSED.value() ? TransferStep.REUSED : TransferStep.FAILED;
        }
        else if (type == AdminType.TRANSFER_IN && shard == transfer.to && transfer.step == TransferStep.SENT)
        {
            next = applied ? TransferStep.RECEIVED : TransferStep.REFUSED;
        }
        else if (type == AdminType.SETTLE_TRANSFER && shard == transfer.from && applied &&
            (transfer.step == TransferStep.RECEIVED || transfer.step == TransferStep.REFUSED))
        {
            next = transfer.step == TransferStep.RECEIVED ? TransferStep.COMPLETED : TransferStep.RETURNED;
        }
        else
        {
            return;
        }
        record(transfer, next);
        transfer.step = next;
        if (!next.isFinal())
        {
            send(transfer);
        }
    }

    private void record(final Transfer transfer, final TransferStep step)
    {
        journal.append(step, transfer.id, transfer.accountId, transfer.assetId, transfer.amount, transfer.from,
            transfer.to);
    }

    private long send(final Transfer transfer)
    {
        switch (transfer.step)
        {
            case REQUESTED:
                transferOut.wrapAndApplyHeader(command, 0, header).timestamp(0).transferId(transfer.id)
                    .accountId(transfer.accountId).assetId(transfer.assetId).amount(transfer.amount);
                return link.offerTo(transfer.from, command, 0,
                    MessageHeaderEncoder.ENCODED_LENGTH + transferOut.encodedLength());
            case SENT:
                transferIn.wrapAndApplyHeader(command, 0, header).timestamp(0).transferId(transfer.id)
                    .accountId(transfer.accountId).assetId(transfer.assetId).amount(transfer.amount);
                return link.offerTo(transfer.to, command, 0,
                    MessageHeaderEncoder.ENCODED_LENGTH + transferIn.encodedLength());
            case RECEIVED:
            case REFUSED:
                settle.wrapAndApplyHeader(command, 0, header).timestamp(0).transferId(transfer.id)
                    .returned(transfer.step == TransferStep.REFUSED ? BooleanType.TRUE : BooleanType.FALSE);
                return link.offerTo(transfer.from, command, 0,
                    MessageHeaderEncoder.ENCODED_LENGTH + settle.encodedLength());
            default:
                return 0;
        }
    }

    @Override
    public void close()
    {
        journal.close();
    }
}
