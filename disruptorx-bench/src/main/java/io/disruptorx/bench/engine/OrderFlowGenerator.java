package io.disruptorx.bench.engine;

import java.util.Arrays;
import java.util.SplittableRandom;

import com.paritytrading.parity.match.OrderBook;
import com.paritytrading.parity.match.OrderBookListener;
import com.paritytrading.parity.match.Side;

/**
 * Generates an {@link OrderFlow} with an exchange-core-like mix: about 10% new GTC, 2% IOC, 7% cancel, 7%
 * quantity reduce and 74% price move, over one or many instruments, from a seed.
 *
 * <p>To name only orders that are really resting, the generator replays every command it emits on a reference
 * book (parity-match's {@link OrderBook}, one per instrument) and tracks which orders rest and their open
 * quantity. The same replay gives the trade count and volume that every system must reproduce.
 *
 * <p>The mix stays fixed; the book size is held near its target by how aggressive new GTC orders and moves
 * are: a book below target gets passive orders, a book above it gets more orders that cross and trade.
 */
public final class OrderFlowGenerator
{
    /** Starting mid price of every instrument, in ticks. */
    public static final long REFERENCE_PRICE = 10_000;

    private static final long MIN_MID = 5_000;
    private static final long MAX_MID = 15_000;
    private static final int MID_STEP_ODDS = 1_000;
    private static final int PASSIVE_DEPTH = 50;
    private static final int AGGRESSIVE_DEPTH = 10;
    private static final int IOC_DEPTH = 20;
    private static final int MAX_GTC_QUANTITY = 100;
    private static final int MAX_IOC_QUANTITY = 40;
    /** Far from any resting order: a buy moved here can never trade. */
    private static final long FILLER_BUY_PRICE = 1;

    private final SplittableRandom random;
    private final int instruments;
    private final int ordersPerInstrument;
    private final int accounts;
    private final int totalCommands;

    private final byte[] type;
    private final int[] instrument;
    private final int[] account;
    private final byte[] side;
    private final long[] price;
    private final long[] quantity;
    private final long[] reduceBy;
    private final int[] orderRef;

    private final byte[] orderSide;
    private final long[] orderPrice;
    private final long[] orderRemaining;
    private final int[] orderAccount;
    private final int[] orderInstrument;
    private final int[] orderLivePosition;
    private final int[][] live;
    private final int[] liveSize;
    private final long[] mid;
    private final OrderBook[] books;
    private final int[] mixTypeCounts = new int[OrderFlow.MOVE + 1];

    private int liveTotal;
    private int commands;
    private int orders;
    private long maxPrice;
    private long trades;
    private long volume;

    private OrderFlowGenerator(
        final long seed, final int instruments, final int ordersPerInstrument, final int accounts, final int total)
    {
        this.random = new SplittableRandom(seed);
        this.instruments = instruments;
        this.ordersPerInstrument = ordersPerInstrument;
        this.accounts = accounts;
        this.totalCommands = total;
        type = new byte[total];
        instrument = new int[total];
        account = new int[total];
        side = new byte[total];
        price = new long[total];
        quantity = new long[total];
        reduceBy = new long[total];
        orderRef = new int[total];
        orderSide = new byte[total + 1];
        orderPrice = new long[total + 1];
        orderRemaining = new long[total + 1];
        orderAccount = new int[total + 1];
        orderInstrument = new int[total + 1];
        orderLivePosition = new int[total + 1];
        Arrays.fill(orderLivePosition, -1);
        live = new int[instruments + 1][16];
        liveSize = new int[instruments + 1];
        mid = new long[instruments + 1];
        Arrays.fill(mid, REFERENCE_PRICE);
        books = new OrderBook[instruments + 1];
        final ModelListener listener = new ModelListener();
        for (int i = 1; i <= instruments; i++)
        {
            books[i] = new OrderBook(listener);
        }
    }

    /**
     * @param seed                seed of the deterministic generator.
     * @param instruments         instruments, numbered 1 to this.
     * @param ordersPerInstrument resting orders each book holds, about.
     * @param accounts            trading accounts, numbered 1 to this.
     * @param totalCommands       exact number of commands in the cycle (preload, mix and cleanup).
     * @return the flow.
     */
    public static OrderFlow generate(
        final long seed,
        final int instruments,
        final int ordersPerInstrument,
        final int accounts,
        final int totalCommands)
    {
        if (instruments < 1 || ordersPerInstrument < 2 || accounts < 1)
        {
            throw new IllegalArgumentException("instruments, accounts >= 1 and ordersPerInstrument >= 2 required");
        }
        if ((long)instruments * ordersPerInstrument * 4 > totalCommands)
        {
            throw new IllegalArgumentException("totalCommands too small for the preload: " + totalCommands);
        }
        return new OrderFlowGenerator(seed, instruments, ordersPerInstrument, accounts, totalCommands).build(seed);
    }

    private OrderFlow build(final long seed)
    {
        preload();
        final int preloadCount = commands;
        while (commands + liveTotal + 2 <= totalCommands)
        {
            mixCommand();
        }
        if (commands + liveTotal < totalCommands)
        {
            fillerMove();
        }
        final int mixCount = commands - preloadCount;
        cleanup();
        if (commands != totalCommands)
        {
            throw new IllegalStateException("flow has " + commands + " commands, wanted " + totalCommands);
        }
        return new OrderFlow(
            type, instrument, account, side, price, quantity, reduceBy, orderRef, commands, preloadCount, mixCount,
            orders, instruments, accounts, seed, maxPrice, REFERENCE_PRICE, trades, volume, mixTypeCounts);
    }

    private void preload()
    {
        for (int inst = 1; inst <= instruments; inst++)
        {
            for (int k = 0; k < ordersPerInstrument; k++)
            {
                final byte s = (k & 1) == 0 ? OrderFlow.BUY : OrderFlow.SELL;
                newOrder(OrderFlow.NEW_GTC, inst, s, passivePrice(inst, s), 1 + random.nextInt(MAX_GTC_QUANTITY));
            }
        }
    }

    private void mixCommand()
    {
        final int inst = 1 + random.nextInt(instruments);
        if (random.nextInt(MID_STEP_ODDS) == 0)
        {
            // a random walk that leans back towards the reference price, so prices stay in a band
            final long step = random.nextLong(REFERENCE_PRICE * 2) < mid[inst] ? -1 : 1;
            mid[inst] = Math.max(MIN_MID, Math.min(MAX_MID, mid[inst] + step));
        }
        final int roll = random.nextInt(100);
        final byte wanted;
        if (roll < 10)
        {
            wanted = OrderFlow.NEW_GTC;
        }
        else if (roll < 12)
        {
            wanted = OrderFlow.NEW_IOC;
        }
        else if (roll < 19)
        {
            wanted = OrderFlow.CANCEL;
        }
        else if (roll < 26)
        {
            wanted = OrderFlow.REDUCE;
        }
        else
        {
            wanted = OrderFlow.MOVE;
        }
        final byte done = emit(inst, wanted);
        mixTypeCounts[done]++;
    }

    private byte emit(final int inst, final byte wanted)
    {
        if (wanted == OrderFlow.NEW_GTC || liveSize[inst] == 0)
        {
            final byte s = randomSide();
            final boolean aggressive = random.nextInt(100) < aggressivePercent(inst);
            final long p = aggressive ? aggressivePrice(inst, s) : passivePrice(inst, s);
            newOrder(OrderFlow.NEW_GTC, inst, s, p, 1 + random.nextInt(MAX_GTC_QUANTITY));
            return OrderFlow.NEW_GTC;
        }
        if (wanted == OrderFlow.NEW_IOC)
        {
            final byte s = randomSide();
            final long depth = random.nextInt(IOC_DEPTH);
            final long p = s == OrderFlow.BUY ? mid[inst] + depth : mid[inst] - depth;
            newOrder(OrderFlow.NEW_IOC, inst, s, p, 1 + random.nextInt(MAX_IOC_QUANTITY));
            return OrderFlow.NEW_IOC;
        }
        int target = live[inst][random.nextInt(liveSize[inst])];
        for (int tries = 0; wanted == OrderFlow.REDUCE && orderRemaining[target] < 2 && tries < 4; tries++)
        {
            target = live[inst][random.nextInt(liveSize[inst])];
        }
        if (wanted == OrderFlow.CANCEL)
        {
            cancel(target);
            return OrderFlow.CANCEL;
        }
        if (wanted == OrderFlow.REDUCE && orderRemaining[target] >= 2)
        {
            reduce(target, 1 + random.nextLong(orderRemaining[target] - 1));
            return OrderFlow.REDUCE;
        }
        final byte s = orderSide[target];
        final long p = random.nextInt(400) < aggressivePercent(inst) ? aggressivePrice(inst, s) : passivePrice(inst, s);
        move(target, p);
        return OrderFlow.MOVE;
    }

    /** One last move that cannot trade, so preload + mix + cleanup hits the wanted total exactly. */
    private void fillerMove()
    {
        if (liveTotal == 0)
        {
            throw new IllegalStateException("cannot size the flow: no resting order left for the filler");
        }
        for (int inst = 1; inst <= instruments; inst++)
        {
            for (int k = 0; k < liveSize[inst]; k++)
            {
                final int target = live[inst][k];
                if (orderSide[target] == OrderFlow.BUY && orderPrice[target] != FILLER_BUY_PRICE)
                {
                    move(target, FILLER_BUY_PRICE);
                    mixTypeCounts[OrderFlow.MOVE]++;
                    return;
                }
            }
        }
        throw new IllegalStateException("cannot size the flow: no resting buy for the filler");
    }

    private void cleanup()
    {
        for (int inst = 1; inst <= instruments; inst++)
        {
            while (liveSize[inst] > 0)
            {
                cancel(live[inst][liveSize[inst] - 1]);
            }
        }
    }

    private int aggressivePercent(final int inst)
    {
        final int size = liveSize[inst];
        if (size < ordersPerInstrument - ordersPerInstrument / 10)
        {
            return 2;
        }
        if (size > ordersPerInstrument + ordersPerInstrument / 10)
        {
            return 40;
        }
        return 10;
    }

    private byte randomSide()
    {
        return random.nextBoolean() ? OrderFlow.BUY : OrderFlow.SELL;
    }

    private long passivePrice(final int inst, final byte s)
    {
        final long depth = 1 + random.nextInt(PASSIVE_DEPTH);
        return s == OrderFlow.BUY ? mid[inst] - depth : mid[inst] + depth;
    }

    private long aggressivePrice(final int inst, final byte s)
    {
        final long depth = random.nextInt(AGGRESSIVE_DEPTH);
        return s == OrderFlow.BUY ? mid[inst] + depth : mid[inst] - depth;
    }

    private int record(final byte commandType, final int inst, final int acc, final byte s, final long p, final long q)
    {
        final int i = commands++;
        type[i] = commandType;
        instrument[i] = inst;
        account[i] = acc;
        side[i] = s;
        price[i] = p;
        quantity[i] = q;
        maxPrice = Math.max(maxPrice, p);
        return i;
    }

    private void newOrder(final byte commandType, final int inst, final byte s, final long p, final long q)
    {
        final int id = ++orders;
        final int acc = 1 + random.nextInt(accounts);
        orderSide[id] = s;
        orderPrice[id] = p;
        orderAccount[id] = acc;
        orderInstrument[id] = inst;
        final int i = record(commandType, inst, acc, s, p, q);
        orderRef[i] = id;
        books[inst].enter(id, parity(s), p, q);
        if (commandType == OrderFlow.NEW_IOC && orderLivePosition[id] >= 0)
        {
            books[inst].cancel(id, 0);
        }
    }

    private void cancel(final int target)
    {
        final int i = record(
            OrderFlow.CANCEL, orderInstrument[target], orderAccount[target], orderSide[target], orderPrice[target],
            0);
        orderRef[i] = target;
        books[orderInstrument[target]].cancel(target, 0);
    }

    private void reduce(final int target, final long newQuantity)
    {
        final int i = record(
            OrderFlow.REDUCE, orderInstrument[target], orderAccount[target], orderSide[target], orderPrice[target],
            newQuantity);
        orderRef[i] = target;
        reduceBy[i] = orderRemaining[target] - newQuantity;
        books[orderInstrument[target]].cancel(target, newQuantity);
    }

    private void move(final int target, final long requestedPrice)
    {
        long p = requestedPrice;
        if (p == orderPrice[target])
        {
            p += orderSide[target] == OrderFlow.BUY ? -1 : 1;
        }
        final long open = orderRemaining[target];
        final int inst = orderInstrument[target];
        final int i = record(OrderFlow.MOVE, inst, orderAccount[target], orderSide[target], p, open);
        orderRef[i] = target;
        orderPrice[target] = p;
        books[inst].cancel(target, 0);
        books[inst].enter(target, parity(orderSide[target]), p, open);
    }

    private static Side parity(final byte s)
    {
        return s == OrderFlow.BUY ? Side.BUY : Side.SELL;
    }

    private void addLive(final int id)
    {
        final int inst = orderInstrument[id];
        if (liveSize[inst] == live[inst].length)
        {
            live[inst] = Arrays.copyOf(live[inst], live[inst].length * 2);
        }
        orderLivePosition[id] = liveSize[inst];
        live[inst][liveSize[inst]++] = id;
        liveTotal++;
    }

    private void removeLive(final int id)
    {
        final int position = orderLivePosition[id];
        if (position < 0)
        {
            return;
        }
        final int inst = orderInstrument[id];
        final int last = live[inst][--liveSize[inst]];
        live[inst][position] = last;
        orderLivePosition[last] = position;
        orderLivePosition[id] = -1;
        liveTotal--;
    }

    /** Follows the reference books to know which orders rest and what they have open. */
    private final class ModelListener implements OrderBookListener
    {
        @Override
        public void match(
            final long restingOrderId,
            final long incomingOrderId,
            final Side incomingSide,
            final long matchPrice,
            final long executedQuantity,
            final long remainingQuantity)
        {
            trades++;
            volume += executedQuantity;
            orderRemaining[(int)restingOrderId] = remainingQuantity;
            if (remainingQuantity == 0)
            {
                removeLive((int)restingOrderId);
            }
        }

        @Override
        public void add(final long orderId, final Side addSide, final long addPrice, final long size)
        {
            orderRemaining[(int)orderId] = size;
            addLive((int)orderId);
        }

        @Override
        public void cancel(final long orderId, final long canceledQuantity, final long remainingQuantity)
        {
            orderRemaining[(int)orderId] = remainingQuantity;
            if (remainingQuantity == 0)
            {
                removeLive((int)orderId);
            }
        }
    }
}
