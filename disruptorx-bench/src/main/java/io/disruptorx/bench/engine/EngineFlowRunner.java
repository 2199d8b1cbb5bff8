package io.disruptorx.bench.engine;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.PostOnlyMode;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;

/**
 * Our {@link MatchingEngine}, called directly on the benchmark thread, with pre-trade risk on every order.
 *
 * <p>Instruments are spot pairs with tick 1, lot 1 and quantity scale 0, so prices and quantities are the flow's
 * ticks and lots and notional is price times quantity (the same units exchange-core gets). Every account is
 * funded far beyond what it can ever hold, so risk checks run and pass. With fees on (maker 1, taker 2 per lot,
 * exchange-core's model) this is the full engine; with fees off it is the same engine with zero fees (the book
 * comparison uses {@link BookFlowRunner}, our book-only API, instead).
 */
public final class EngineFlowRunner implements FlowRunner
{
    /** Deposit per account and asset: far more than any account can hold or lose in a run. */
    static final long DEPOSIT = 1_000_000_000_000L;
    static final long FEE_ACCOUNT = 0;
    static final long MAKER_FEE = 1;
    static final long TAKER_FEE = 2;
    private static final int MAX_BASE_ASSETS = 10;
    private static final int QUOTE_ASSET = 0;

    private final OrderFlow flow;
    private final boolean fees;
    private final int assets;
    private final CountingEngineListener listener;
    private final MatchingEngine engine;
    private long timestamp;

    /**
     * @param flow the flow to replay.
     * @param fees whether to charge exchange-core-like fees.
     */
    public EngineFlowRunner(final OrderFlow flow, final boolean fees)
    {
        this.flow = flow;
        this.fees = fees;
        final int instruments = flow.instruments();
        final int baseAssets = Math.min(instruments, MAX_BASE_ASSETS);
        this.assets = 1 + baseAssets;
        final int[] base = new int[instruments + 1];
        final int[] quote = new int[instruments + 1];
        for (int i = 1; i <= instruments; i++)
        {
            base[i] = 1 + (i - 1) % baseAssets;
            quote[i] = QUOTE_ASSET;
        }
        listener = new CountingEngineListener(flow.orderCount(), base, quote, flow.accounts(), assets, FEE_ACCOUNT);
        final int pool = Math.min(4 * 1024 * 1024, Math.max(64 * 1024, Integer.highestOneBit(flow.preloadCount()) * 4));
        final EngineConfig config = new EngineConfig(
            instruments + 1, assets, 4 * 1024 * 1024, pool, FEE_ACCOUNT, PostOnlyMode.REJECT);
        engine = new MatchingEngine(config, listener);
        final long makerFee = fees ? MAKER_FEE : 0;
        final long takerFee = fees ? TAKER_FEE : 0;
        for (int i = 1; i <= instruments; i++)
        {
            engine.addInstrument(
                ++timestamp, i, base[i], quote[i], 1, 1, 0, 0, makerFee, takerFee, flow.referencePrice(), 0, 1_000);
        }
        for (int account = 1; account <= flow.accounts(); account++)
        {
            for (int asset = 0; asset < assets; asset++)
            {
                engine.adjustBalance(++timestamp, account, asset, DEPOSIT);
            }
        }
        if (listener.adminRefusals() != 0)
        {
            throw new IllegalStateException("engine refused " + listener.adminRefusals() + " setup commands");
        }
    }

    @Override
    public String name()
    {
        return fees ? "ours" : "ours_no_fees";
    }

    @Override
    public String describe()
    {
        return name() + ": MatchingEngine called directly, " + flow.instruments() + " spot instrument(s), "
            + flow.accounts() + " funded accounts, " + (fees ? "maker/taker fee 1/2 per lot" : "no fees")
            + ", no price band, no limits, STP off";
    }

    @Override
    public long runCycle()
    {
        final long tradesBefore = listener.trades();
        final long volumeBefore = listener.volume();
        final long failuresBefore = listener.failures();
        replay();
        FlowCheck.checkCycle(
            name(), flow, listener.trades() - tradesBefore, listener.volume() - volumeBefore,
            listener.failures() - failuresBefore);
        return flow.commandCount();
    }

    /** The timed loop: a few array reads and one engine call per command. */
    private void replay()
    {
        final MatchingEngine engine = this.engine;
        final CountingEngineListener listener = this.listener;
        final byte[] type = flow.type;
        final int[] instrument = flow.instrument;
        final int[] account = flow.account;
        final byte[] side = flow.side;
        final long[] price = flow.price;
        final long[] quantity = flow.quantity;
        final int[] orderRef = flow.orderRef;
        final int n = flow.commandCount();
        long ts = timestamp;
        for (int i = 0; i < n; i++)
        {
            ts++;
            switch (type[i])
            {
                case OrderFlow.NEW_GTC:
                    engine.newOrder(
                        ts, account[i], orderRef[i], instrument[i], side[i] == OrderFlow.BUY ? Side.BUY : Side.SELL,
                        OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.NONE, price[i], quantity[i]);
                    break;
                case OrderFlow.NEW_IOC:
                    engine.newOrder(
                        ts, account[i], orderRef[i], instrument[i], side[i] == OrderFlow.BUY ? Side.BUY : Side.SELL,
                        OrderType.LIMIT, TimeInForce.IOC, false, SelfTradePrevention.NONE, price[i], quantity[i]);
                    break;
                case OrderFlow.CANCEL:
                    engine.cancelOrder(ts, account[i], i, listener.engineOrderId(orderRef[i]));
                    break;
                default:
                    // a reduce keeps the price and lowers the quantity; a move keeps the quantity, changes the price
                    engine.replaceOrder(ts, account[i], i, listener.engineOrderId(orderRef[i]), price[i], quantity[i]);
                    break;
            }
        }
        timestamp = ts;
    }

    /** @return everything the listener folded in; return it from a benchmark so nothing is optimised away. */
    public long sink()
    {
        return listener.sink();
    }

    /**
     * Withdraws from every account exactly the balance the trade ledger says it has, which must succeed (nothing
     * left on hold: the books are empty), and then one unit more, which must be refused. This proves the engine's
     * balances equal deposits plus what the trades moved, so every asset's total is conserved.
     */
    @Override
    public String verifyFinalState()
    {
        final long refusalsBefore = listener.adminRefusals();
        long expectedRefusals = 0;
        for (long account = 0; account <= flow.accounts(); account++)
        {
            for (int asset = 0; asset < assets; asset++)
            {
                final long expected = (account == FEE_ACCOUNT ? 0 : DEPOSIT) + listener.ledger(account, asset);
                if (expected < 0)
                {
                    return "ledger went negative for account " + account + " asset " + asset;
                }
                if (expected > 0)
                {
                    engine.adjustBalance(++timestamp, account, asset, -expected);
                }
                if (listener.adminRefusals() != refusalsBefore + expectedRefusals)
                {
                    return "account " + account + " asset " + asset + " holds less than " + expected;
                }
                engine.adjustBalance(++timestamp, account, asset, -1);
                expectedRefusals++;
                if (listener.adminRefusals() != refusalsBefore + expectedRefusals)
                {
                    return "account " + account + " asset " + asset + " holds more than " + expected;
                }
            }
        }
        return null;
    }

    @Override
    public void close()
    {
    }
}
