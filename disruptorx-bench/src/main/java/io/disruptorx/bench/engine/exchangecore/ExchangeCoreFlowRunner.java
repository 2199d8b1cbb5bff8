package io.disruptorx.bench.engine.exchangecore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import exchange.core2.core.ExchangeApi;
import exchange.core2.core.ExchangeCore;
import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.CoreWaitStrategy;
import exchange.core2.core.common.MatcherEventType;
import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.SymbolType;
import exchange.core2.core.common.api.ApiAddUser;
import exchange.core2.core.common.api.ApiAdjustUserBalance;
import exchange.core2.core.common.api.ApiCancelOrder;
import exchange.core2.core.common.api.ApiCommand;
import exchange.core2.core.common.api.ApiMoveOrder;
import exchange.core2.core.common.api.ApiPlaceOrder;
import exchange.core2.core.common.api.ApiReduceOrder;
import exchange.core2.core.common.api.binary.BatchAddSymbolsCommand;
import exchange.core2.core.common.api.reports.TotalCurrencyBalanceReportQuery;
import exchange.core2.core.common.api.reports.TotalCurrencyBalanceReportResult;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.OrderCommandType;
import exchange.core2.core.common.config.ExchangeConfiguration;
import exchange.core2.core.common.config.PerformanceConfiguration;
import io.disruptorx.bench.engine.FlowRunner;
import io.disruptorx.bench.engine.OrderFlow;

/**
 * exchange-core 0.5.3 with its whole pipeline: grouping, risk pre-hold (R1), matching (ME), risk release (R2)
 * and results, on its own Disruptor ring. Spot ({@code CURRENCY_EXCHANGE_PAIR}) symbols, funded users; the flow is
 * translated once into its API commands (as its own perf tests do) and a cycle submits them all through
 * {@link ExchangeApi#submitCommand} and waits until every one has come out of the results handler.
 *
 * <p>Loaded by {@code ExchangeCoreLoader} in its own class loader, with the Disruptor 3.4.2 it was built for.
 */
public final class ExchangeCoreFlowRunner implements FlowRunner
{
    private static final long DEPOSIT = 1_000_000_000_000L;
    private static final long MAKER_FEE = 1;
    private static final long TAKER_FEE = 2;
    private static final int MAX_BASE_CURRENCIES = 10;
    private static final int QUOTE_CURRENCY = 1;
    /** Its default ring; groups of up to 1536 messages as in its own throughput tests (must be below ring / 4). */
    private static final int RING_BUFFER_SIZE = 64 * 1024;
    private static final int MSGS_IN_GROUP_LIMIT = 1536;

    private final OrderFlow flow;
    private final CoreWaitStrategy waitStrategy;
    private final ExchangeCore core;
    private final ExchangeApi api;
    private final ApiCommand[] commands;
    private int currencies;

    private volatile long completed;
    private volatile Consumer<OrderCommand> resultTap;
    private long trades;
    private long volume;
    private long failures;
    private int transferId;

    /**
     * @param flow         the flow to replay.
     * @param waitStrategy name of a {@link CoreWaitStrategy}.
     */
    public ExchangeCoreFlowRunner(final OrderFlow flow, final String waitStrategy)
    {
        this.flow = flow;
        this.waitStrategy = CoreWaitStrategy.valueOf(waitStrategy);
        final PerformanceConfiguration perf = PerformanceConfiguration.baseBuilder()
            .ringBufferSize(RING_BUFFER_SIZE)
            .matchingEnginesNum(1)
            .riskEnginesNum(1)
            .msgsInGroupLimit(MSGS_IN_GROUP_LIMIT)
            .waitStrategy(this.waitStrategy)
            .build();
        final ExchangeConfiguration config = ExchangeConfiguration.defaultBuilder().performanceCfg(perf).build();
        core = ExchangeCore.builder().resultsConsumer(this::onResult).exchangeConfiguration(config).build();
        core.startup();
        api = core.getApi();
        try
        {
            commands = setUp(flow);
        }
        catch (final RuntimeException ex)
        {
            core.shutdown();
            throw ex;
        }
    }

    private ApiCommand[] setUp(final OrderFlow flow)
    {

        final int instruments = flow.instruments();
        final int baseCurrencies = Math.min(instruments, MAX_BASE_CURRENCIES);
        currencies = 1 + baseCurrencies;
        final List<CoreSymbolSpecification> symbols = new ArrayList<>();
        for (int i = 1; i <= instruments; i++)
        {
            symbols.add(CoreSymbolSpecification.builder()
                .symbolId(i)
                .type(SymbolType.CURRENCY_EXCHANGE_PAIR)
                .baseCurrency(QUOTE_CURRENCY + 1 + (i - 1) % baseCurrencies)
                .quoteCurrency(QUOTE_CURRENCY)
                .baseScaleK(1)
                .quoteScaleK(1)
                .makerFee(MAKER_FEE)
                .takerFee(TAKER_FEE)
                .build());
        }
        expectSuccess(api.submitBinaryDataAsync(new BatchAddSymbolsCommand(symbols)).join(), "add symbols");
        final List<CompletableFuture<CommandResultCode>> setup = new ArrayList<>();
        long transaction = 0;
        for (long uid = 1; uid <= flow.accounts(); uid++)
        {
            setup.add(api.submitCommandAsync(ApiAddUser.builder().uid(uid).build()));
            for (int currency = QUOTE_CURRENCY; currency < QUOTE_CURRENCY + currencies; currency++)
            {
                setup.add(api.submitCommandAsync(ApiAdjustUserBalance.builder()
                    .uid(uid).currency(currency).amount(DEPOSIT).transactionId(++transaction).build()));
            }
        }
        for (final CompletableFuture<CommandResultCode> result : setup)
        {
            expectSuccess(result.join(), "add users and deposits");
        }
        return translate(flow);
    }

    private static ApiCommand[] translate(final OrderFlow flow)
    {
        final ApiCommand[] result = new ApiCommand[flow.commandCount()];
        for (int i = 0; i < result.length; i++)
        {
            final long uid = flow.account(i);
            final int symbol = flow.instrument(i);
            final long orderId = flow.orderRef(i);
            switch (flow.commandType(i))
            {
                case OrderFlow.NEW_GTC:
                case OrderFlow.NEW_IOC:
                    final boolean buy = flow.side(i) == OrderFlow.BUY;
                    result[i] = ApiPlaceOrder.builder()
                        .uid(uid)
                        .orderId(orderId)
                        .price(flow.price(i))
                        // a spot bid reserves funds at this price; moves above it would be refused
                        .reservePrice(buy ? flow.maxPrice() : 0)
                        .size(flow.quantity(i))
                        .action(buy ? OrderAction.BID : OrderAction.ASK)
                        .orderType(flow.commandType(i) == OrderFlow.NEW_GTC ? OrderType.GTC : OrderType.IOC)
                        .symbol(symbol)
                        .build();
                    break;
                case OrderFlow.CANCEL:
                    result[i] = ApiCancelOrder.builder().uid(uid).orderId(orderId).symbol(symbol).build();
                    break;
                case OrderFlow.REDUCE:
                    result[i] = ApiReduceOrder.builder()
                        .uid(uid).orderId(orderId).symbol(symbol).reduceSize(flow.reduceBy(i)).build();
                    break;
                default:
                    result[i] = ApiMoveOrder.builder()
                        .uid(uid).orderId(orderId).symbol(symbol).newPrice(flow.price(i)).build();
                    break;
            }
        }
        return result;
    }

    private static void expectSuccess(final CommandResultCode code, final String what)
    {
        if (code != CommandResultCode.SUCCESS)
        {
            throw new IllegalStateException("exchange-core " + what + ": " + code);
        }
    }

    /** Runs on exchange-core's results thread, the only writer of the counters. */
    private void onResult(final OrderCommand cmd, final long sequence)
    {
        final Consumer<OrderCommand> tap = resultTap;
        if (tap != null)
        {
            tap.accept(cmd);
        }
        final OrderCommandType command = cmd.command;
        if (command != OrderCommandType.PLACE_ORDER && command != OrderCommandType.CANCEL_ORDER
            && command != OrderCommandType.MOVE_ORDER && command != OrderCommandType.REDUCE_ORDER)
        {
            return;
        }
        if (cmd.resultCode != CommandResultCode.SUCCESS)
        {
            failures++;
        }
        for (MatcherTradeEvent event = cmd.matcherEvent; event != null; event = event.nextEvent)
        {
            if (event.eventType == MatcherEventType.TRADE)
            {
                trades++;
                volume += event.size;
            }
        }
        completed = completed + 1;
    }

    /**
     * For other benchmarks that reuse this set-up (symbols, funded users): the API to submit commands to.
     *
     * @return exchange-core's API.
     */
    public ExchangeApi api()
    {
        return api;
    }

    /**
     * For other benchmarks: sees every command that comes out of the results handler, on its thread, before this
     * runner counts it.
     *
     * @param tap the consumer, or {@code null}.
     */
    public void tapResults(final Consumer<OrderCommand> tap)
    {
        resultTap = tap;
    }

    @Override
    public String name()
    {
        return "exchange_core";
    }

    @Override
    public String describe()
    {
        return name() + ": exchange-core 0.5.3 full pipeline (grouping -> R1 risk -> ME -> R2 risk + results), "
            + "1 matching engine, 1 risk engine, ring " + RING_BUFFER_SIZE + ", msgsInGroupLimit "
            + MSGS_IN_GROUP_LIMIT + ", wait strategy " + waitStrategy + ", OrderBookDirectImpl, "
            + flow.instruments() + " CURRENCY_EXCHANGE_PAIR symbol(s), maker/taker fee 1/2, Disruptor 3.4.2";
    }

    @Override
    public long runCycle()
    {
        final long target = completed + commands.length;
        final long tradesBefore;
        final long volumeBefore;
        final long failuresBefore;
        // the results thread is idle between cycles; the volatile read above orders these plain reads
        tradesBefore = trades;
        volumeBefore = volume;
        failuresBefore = failures;
        final ExchangeApi api = this.api;
        for (final ApiCommand command : commands)
        {
            api.submitCommand(command);
        }
        while (completed < target)
        {
            LockSupport.parkNanos(20_000);
        }
        checkCycle(trades - tradesBefore, volume - volumeBefore, failures - failuresBefore);
        return commands.length;
    }

    private void checkCycle(final long cycleTrades, final long cycleVolume, final long cycleFailures)
    {
        if (cycleTrades != flow.expectedTrades() || cycleVolume != flow.expectedVolume() || cycleFailures != 0)
        {
            throw new IllegalStateException(name() + " diverged from the reference book: trades " + cycleTrades
                + " (want " + flow.expectedTrades() + "), volume " + cycleVolume + " (want " + flow.expectedVolume()
                + "), failures " + cycleFailures);
        }
    }

    /** exchange-core's own check: every currency's total over accounts, orders and fees equals the deposits. */
    @Override
    public String verifyFinalState()
    {
        final TotalCurrencyBalanceReportResult report =
            api.processReport(new TotalCurrencyBalanceReportQuery(), ++transferId).join();
        return report.isGlobalBalancesAllZero() ? null : "exchange-core total balances not conserved: " + report;
    }

    @Override
    public void close()
    {
        core.shutdown();
    }
}
