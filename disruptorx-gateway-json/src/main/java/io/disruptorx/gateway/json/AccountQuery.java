package io.disruptorx.gateway.json;

import java.util.Map;

import io.disruptorx.gateway.core.BalanceAnswer;

/**
 * One {@code GET /api/v3/account} (or WebSocket {@code account.status}) waiting for the engine's balances of one
 * account, answered in Binance's shape: {@code balances} with {@code free} and {@code locked} as decimal strings in
 * each asset's scale, and one field Binance does not have: {@code inTransfer}, the account's funds on their way
 * between two shards' ledgers at the moment of the answer (a sharded venue; "0" on a venue of one engine). An asset
 * without an entry in {@code gateways.json.assets} is named by its id and shown in its smallest units (scale 0).
 * Gateway thread.
 */
final class AccountQuery implements BalanceAnswer
{
    private final JsonCommand command;
    private final long accountId;
    private final Map<Integer, AssetSpec> assets;
    private final JsonCounters counters;
    private final StringBuilder balances = new StringBuilder(256);
    private final JsonEncoder encoder;

    AccountQuery(final JsonCommand command, final long accountId, final Map<Integer, AssetSpec> assets,
        final JsonEncoder encoder, final JsonCounters counters)
    {
        this.command = command;
        this.accountId = accountId;
        this.assets = assets;
        this.encoder = encoder;
        this.counters = counters;
    }

    @Override
    public void onBalance(final int assetId, final long free, final long locked, final long inTransfer)
    {
        final AssetSpec asset = assets.get(assetId);
        final int scale = asset == null ? 0 : asset.scale();
        balances.append(balances.length() == 0 ? "{\"asset\":" : ",{\"asset\":");
        JsonEncoder.string(balances, asset == null ? Integer.toString(assetId) : asset.name());
        balances.append(",\"free\":\"").append(encoder.decimal(free, scale)).append("\",\"locked\":\"")
            .append(encoder.decimal(locked, scale)).append("\",\"inTransfer\":\"")
            .append(encoder.decimal(inTransfer, scale)).append("\"}");
    }

    @Override
    public void onEnd(final boolean complete, final long timestamp)
    {
        try
        {
            if (!complete)
            {
                counters.error(ApiError.TIMEOUT);
                command.answer.error(ApiError.TIMEOUT, ApiError.TIMEOUT.message());
                return;
            }
            command.answer.result("{\"account\":" + accountId + ",\"accountType\":\"SPOT\",\"canTrade\":" +
                !command.user.readOnly() + ",\"canWithdraw\":false,\"canDeposit\":false," +
                "\"updateTime\":" + timestamp / 1_000_000L + ",\"balances\":[" + balances +
                "],\"permissions\":[\"SPOT\"]}");
        }
        catch (final RuntimeException ex)
        {
            counters.error(ApiError.UNKNOWN);
        }
    }
}
