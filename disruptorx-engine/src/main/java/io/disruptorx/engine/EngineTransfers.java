package io.disruptorx.engine;

/**
 * Transfers of funds between shards' ledgers, each answered with one {@link EngineListener#onTransferResult} (an
 * AdminResult whose subject is the transfer id, with the transfer's account and asset and what the step changed in
 * the ledger, so that every gateway following the shard's events can tell funds in flight). A transfer leaves the
 * source shard (TransferOut: the amount leaves the account's available balance and is in flight), arrives at the
 * target shard (TransferIn: credited), and is settled at the source (SettleTransfer: completed, or returned to the
 * account when the target refused it). Each shard decides a
 * transfer id once: a repeated TransferOut or TransferIn with an id it has seen, carrying the same account, asset,
 * amount and direction, gets the first answer again (applied, or refused with the same reason) and changes nothing,
 * so a coordinator may re-send any step after a crash and never sees a refusal turn into an application; one that
 * differs in any of them is another transfer reusing the id, refused {@link RejectReason#TRANSFER_ID_REUSED} (answered
 * with its own account and asset, nothing changed, nothing recorded). Each account keeps this shard's part of its
 * funds on their way ({@link Account#transferred}: {@code +amount} for a transfer out not returned, {@code -amount}
 * for one in), which a balance answer carries, so that the sum over the shards' answers is exact at their cut
 * whoever asks and whenever it started. The parameters are those of {@link MatchingEngine}.
 */
final class EngineTransfers
{
    private final EngineListener listener;
    private final AccountLedger accounts;
    private final TransferBook transfers;
    /** What the last {@link #move} changed in the account's balance (unsigned): 0 when it was refused or repeated. */
    private long moved;

    EngineTransfers(final EngineState state)
    {
        this.listener = state.listener;
        this.accounts = state.accounts;
        this.transfers = state.transfers;
    }

    void transferOut(
        final long timestamp, final long transferId, final long accountId, final int assetId, final long amount)
    {
        final RejectReason reason = move(transferId, accountId, assetId, amount, false);
        answer(timestamp, AdminType.TRANSFER_OUT, transferId, reason, accountId, assetId, -moved);
    }

    void transferIn(
        final long timestamp, final long transferId, final long accountId, final int assetId, final long amount)
    {
        final RejectReason reason = move(transferId, accountId, assetId, amount, true);
        answer(timestamp, AdminType.TRANSFER_IN, transferId, reason, accountId, assetId, moved);
    }

    void settleTransfer(final long timestamp, final long transferId, final boolean returned)
    {
        final TransferBook.Transfer transfer = transfers.get(transferId);
        RejectReason reason = RejectReason.NONE;
        long back = 0;
        if (transfer == null || transfer.incoming || transfer.state == TransferState.REFUSED)
        {
            reason = RejectReason.UNKNOWN_ORDER;
        }
        else if (transfer.state == TransferState.IN_FLIGHT)
        {
            if (returned)
            {
                reason = accounts.adjust(transfer.accountId, transfer.assetId, transfer.amount);
            }
            if (reason == RejectReason.NONE)
            {
                transfer.state = returned ? TransferState.RETURNED : TransferState.COMPLETED;
                back = returned ? transfer.amount : 0;
                accounts.get(transfer.accountId).addInTransfer(transfer.assetId, -back);
            }
        }
        listener.onTransferResult(timestamp, AdminType.SETTLE_TRANSFER, transferId, reason,
            transfer == null ? 0 : transfer.accountId, transfer == null ? 0 : transfer.assetId, back);
    }

    /**
     * Answers a TransferOut or TransferIn with the account and asset the shard recorded for the transfer (those of
     * the command when it refused an unknown id outright or a reused one).
     */
    private void answer(final long timestamp, final AdminType type, final long transferId, final RejectReason reason,
        final long accountId, final int assetId, final long change)
    {
        final TransferBook.Transfer recorded = transferId > 0 && reason != RejectReason.TRANSFER_ID_REUSED ?
            transfers.get(transferId) : null;
        listener.onTransferResult(timestamp, type, transferId, reason,
            recorded == null ? accountId : recorded.accountId, recorded == null ? assetId : recorded.assetId, change);
    }

    private RejectReason move(
        final long transferId, final long accountId, final int assetId, final long amount, final boolean incoming)
    {
        moved = 0;
        if (transferId <= 0)
        {
            return RejectReason.UNKNOWN_ORDER;
        }
        final TransferBook.Transfer seen = transfers.get(transferId);
        if (seen != null)
        {
            return seen.incoming == incoming && seen.accountId == accountId && seen.assetId == assetId &&
                seen.amount == amount ? seen.reason : RejectReason.TRANSFER_ID_REUSED;
        }
        RejectReason reason;
        if (!accounts.isTradingAccountId(accountId))
        {
            reason = RejectReason.UNKNOWN_ACCOUNT;
        }
        else if (amount <= 0)
        {
            reason = RejectReason.INVALID_QUANTITY;
        }
        else
        {
            reason = accounts.adjust(accountId, assetId, incoming ? amount : -amount);
        }
        final TransferState state = reason != RejectReason.NONE ? TransferState.REFUSED :
            incoming ? TransferState.RECEIVED : TransferState.IN_FLIGHT;
        final TransferBook.Transfer transfer = transfers.add(transferId, accountId, assetId, amount, incoming, reason,
            state);
        if (reason == RejectReason.NONE)
        {
            accounts.get(accountId).addInTransfer(assetId, transfer.inTransferPart());
        }
        moved = reason == RejectReason.NONE ? amount : 0;
        return reason;
    }
}
