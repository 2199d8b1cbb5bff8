package io.disruptorx.engine;

/**
 * Transfers of funds between shards' ledgers, each answered with one {@link EngineListener#onAdminResult} whose
 * subject is the transfer id. A transfer leaves the source shard (TransferOut: the amount leaves the account's
 * available balance and is in flight), arrives at the target shard (TransferIn: credited), and is settled at the
 * source (SettleTransfer: completed, or returned to the account when the target refused it). Each shard decides a
 * transfer id once: a repeated TransferOut or TransferIn with an id it has seen gets the first answer again (applied,
 * or refused with the same reason) and changes nothing, whatever else it carries, so a coordinator may re-send any
 * step after a crash and never sees a refusal turn into an application. The parameters are those of
 * {@link MatchingEngine}.
 */
final class EngineTransfers
{
    private final EngineListener listener;
    private final AccountLedger accounts;
    private final TransferBook transfers;

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
        listener.onAdminResult(timestamp, AdminType.TRANSFER_OUT, transferId, reason);
    }

    void transferIn(
        final long timestamp, final long transferId, final long accountId, final int assetId, final long amount)
    {
        final RejectReason reason = move(transferId, accountId, assetId, amount, true);
        listener.onAdminResult(timestamp, AdminType.TRANSFER_IN, transferId, reason);
    }

    void settleTransfer(final long timestamp, final long transferId, final boolean returned)
    {
        final TransferBook.Transfer transfer = transfers.get(transferId);
        RejectReason reason = RejectReason.NONE;
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
            }
        }
        listener.onAdminResult(timestamp, AdminType.SETTLE_TRANSFER, transferId, reason);
    }

    private RejectReason move(
        final long transferId, final long accountId, final int assetId, final long amount, final boolean incoming)
    {
        if (transferId <= 0)
        {
            return RejectReason.UNKNOWN_ORDER;
        }
        final TransferBook.Transfer seen = transfers.get(transferId);
        if (seen != null)
        {
            return seen.incoming == incoming ? seen.reason : RejectReason.UNKNOWN_ORDER;
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
        transfers.add(transferId, accountId, assetId, amount, incoming, reason, state);
        return reason;
    }
}
