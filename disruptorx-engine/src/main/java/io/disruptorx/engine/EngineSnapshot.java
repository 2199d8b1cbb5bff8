package io.disruptorx.engine;

import io.disruptorx.engine.book.BookOrder;
import io.disruptorx.engine.book.BookSide;
import io.disruptorx.engine.book.OrderBook;
import io.disruptorx.protocol.snapshot.SnapshotReader;
import io.disruptorx.protocol.snapshot.SnapshotWriter;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The engine's state as bytes, little-endian. Iteration follows creation order (instruments, accounts) and
 * priority order (books: bids best to worst, then asks; each level in time order), so the same state always
 * gives the same bytes and a restored book keeps every order's priority. The indexes of resting orders (by order
 * id, by account and client order id) are not written: restore rebuilds them from the orders.
 *
 * <pre>
 *   header   : magic int, version int, maxInstruments int, maxAssets int, maxOrders int,
 *              feeAccountId long, postOnlyMode int, nextOrderId long, nextTradeId long, nextFeedSequence long
 *   instrs   : count int, then per instrument id int, base int, quote int, tick long, lot long,
 *              priceScale int, quantityScale int, makerFee long, takerFee long, reference long,
 *              bandBps int, protectionBps int, state int
 *   accounts : count int, then per account id long, maxQty long, maxNotional long, killSwitch int,
 *              assetCount int, then per non-zero asset: asset int, balance long, held long
 *   books    : per instrument, per side (bids, asks): orderCount int, then per order orderId long,
 *              clientOrderId long, accountId long, type int, timeInForce int, stp int, postOnly int,
 *              price long, open long, filled long, entryTime long, filledNotional long, updateTime long
 *   transfers: only when the engine holds any (or the move lock follows): count int, then per transfer in the
 *              order first applied id long, accountId long, assetId int, amount long, state int
 *              ({@link TransferState} code), incoming int, reason int (the {@link RejectReason} code it was answered
 *              with)
 *   move lock: only when a move lock request ever claimed it ({@link ShardMoveLock}): holder's claim long,
 *              holder's instrument int, highest move id long
 *   switches : only when the lock recorded a switch: count int, then per switch in order instrument int,
 *              target shard int
 *   trailer  : total length int (header to trailer inclusive)
 * </pre>
 *
 * <p>Transfers did not change the version: a snapshot of an engine that never applied one is byte for byte what
 * the engine wrote before them, and a reader finds the section by the bytes left between the books and the
 * trailer. A reader that knows no transfers (the node's opening image before them) refuses a snapshot that has
 * some, by its length check, rather than misreading it. The move lock did not change the version either, the same
 * way: only the lock shard's engine, once a gateway claimed the lock, writes it; nor did its switches, written only
 * once one was recorded.
 *
 * <p>Version 2 added each order's {@code entryTime} (the timestamp of the command that put it where it rests,
 * which the feed's OrderAdded for it carried). Version 1 snapshots, whose orders lack it, still load: their orders
 * get entry time 0 (unknown), and a snapshot taken afterwards is written as version 2 with those zeros.
 *
 * <p>Version 3 added each order's {@code filledNotional} (what its fills moved in the quote asset) and
 * {@code updateTime} (the command that last changed it), which the open-orders query answers with. Older snapshots
 * still load: an order that has not been filled gets notional 0 (exact), one that has gets -1 (unknown), and every
 * order gets update time 0 (unknown); they are written back as version 3 with those values.
 */
final class EngineSnapshot
{
    static final int MAGIC = 0x44585331;
    static final int VERSION = 3;
    /** The oldest version {@link #read} still loads. */
    static final int FIRST_VERSION = 1;

    private EngineSnapshot()
    {
    }

    static int write(final EngineState state, final MutableDirectBuffer buffer, final int offset)
    {
        final SnapshotWriter out = new SnapshotWriter().wrap(buffer, offset);
        final EngineConfig config = state.config;
        final TransferBook transfers = state.transfers;
        out.putInt(MAGIC).putInt(VERSION);
        out.putInt(config.maxInstruments()).putInt(config.maxAssets()).putInt(config.maxOrders());
        out.putLong(config.feeAccountId()).putInt(config.postOnlyMode().ordinal());
        out.putLong(state.nextOrderId()).putLong(state.nextTradeId()).putLong(state.nextFeedSequence());

        final InstrumentRegistry instruments = state.instruments;
        out.putInt(instruments.count());
        for (int i = 0; i < instruments.count(); i++)
        {
            final Instrument instrument = instruments.inOrder(i);
            out.putInt(instrument.id).putInt(instrument.baseAssetId).putInt(instrument.quoteAssetId);
            out.putLong(instrument.tickSize).putLong(instrument.lotSize);
            out.putInt(instrument.priceScale).putInt(instrument.quantityScale);
            out.putLong(instrument.makerFeePerLot).putLong(instrument.takerFeePerLot);
            out.putLong(instrument.referencePrice);
            out.putInt(instrument.priceBandBps).putInt(instrument.marketProtectionBps);
            out.putInt(instrument.state.code());
        }

        final AccountLedger accounts = state.accounts;
        out.putInt(accounts.count());
        for (int i = 0; i < accounts.count(); i++)
        {
            final Account account = accounts.inOrder(i);
            out.putLong(account.id).putLong(account.maxOrderQuantity).putLong(account.maxOrderNotional);
            out.putInt(account.killSwitch ? 1 : 0);
            int assets = 0;
            for (int asset = 0; asset < account.balance.length; asset++)
            {
                if (account.balance[asset] != 0 || account.held[asset] != 0)
                {
                    assets++;
                }
            }
            out.putInt(assets);
            for (int asset = 0; asset < account.balance.length; asset++)
            {
                if (account.balance[asset] != 0 || account.held[asset] != 0)
                {
                    out.putInt(asset).putLong(account.balance[asset]).putLong(account.held[asset]);
                }
            }
        }

        for (int i = 0; i < instruments.count(); i++)
        {
            final OrderBook book = instruments.inOrder(i).book;
            writeSide(out, book.bids());
            writeSide(out, book.asks());
        }
        final ShardMoveLock lock = state.moveLock;
        if (transfers.count() > 0 || lock.used())
        {
            out.putInt(transfers.count());
            for (int i = 0; i < transfers.count(); i++)
            {
                final TransferBook.Transfer transfer = transfers.inOrder(i);
                out.putLong(transfer.id).putLong(transfer.accountId).putInt(transfer.assetId);
                out.putLong(transfer.amount).putInt(transfer.state.code()).putInt(transfer.incoming ? 1 : 0);
                out.putInt(transfer.reason.code());
            }
        }
        if (lock.used())
        {
            out.putLong(lock.holderClaim()).putInt(lock.holderInstrument()).putLong(lock.highestMoveId());
        }
        if (lock.switches() > 0)
        {
            out.putInt(lock.switches());
            for (int number = 1; number <= lock.switches(); number++)
            {
                out.putInt(lock.switchInstrument(number)).putInt(lock.switchTarget(number));
            }
        }
        out.putInt(out.position() - offset + Integer.BYTES);
        return out.position() - offset;
    }

    static void read(
        final EngineState state,
        final OrderLifecycle lifecycle,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final InstrumentRegistry instruments = state.instruments;
        final AccountLedger accounts = state.accounts;
        if (instruments.count() != 0 || accounts.count() != 1 || state.nextOrderId() != 1 ||
            state.nextFeedSequence() != 1)
        {
            throw new IllegalStateException("restore needs a new engine: this one has applied commands");
        }
        final SnapshotReader in = new SnapshotReader("snapshot").wrap(buffer, offset, length);
        if (in.getInt() != MAGIC)
        {
            throw new IllegalStateException("not an engine snapshot (bad magic)");
        }
        final int version = in.getInt();
        if (version < FIRST_VERSION || version > VERSION)
        {
            throw new IllegalStateException("snapshot version " + version + ", this engine reads " + FIRST_VERSION +
                " to " + VERSION);
        }
        final EngineConfig config = state.config;
        final int maxInstruments = in.getInt();
        final int maxAssets = in.getInt();
        final int maxOrders = in.getInt();
        final long feeAccountId = in.getLong();
        final int postOnlyMode = in.getInt();
        if (maxInstruments != config.maxInstruments() || maxAssets != config.maxAssets() ||
            maxOrders != config.maxOrders() || feeAccountId != config.feeAccountId() ||
            postOnlyMode != config.postOnlyMode().ordinal())
        {
            throw new IllegalStateException("snapshot was written with another engine configuration: " +
                "maxInstruments=" + maxInstruments + " maxAssets=" + maxAssets + " maxOrders=" + maxOrders +
                " feeAccountId=" + feeAccountId + " postOnlyMode=" + postOnlyMode + ", this engine has " + config);
        }
        state.restoreCounters(in.getLong(), in.getLong(), in.getLong());

        final int instrumentCount = in.getInt();
        for (int i = 0; i < instrumentCount; i++)
        {
            final Instrument instrument = new Instrument(
                in.getInt(), in.getInt(), in.getInt(), in.getLong(), in.getLong(), in.getInt(), in.getInt(),
                in.getLong(), in.getLong(), in.getLong(), in.getInt(), in.getInt(), state, lifecycle);
            instrument.state = InstrumentState.fromCode(in.getInt());
            instruments.register(instrument);
        }

        final int accountCount = in.getInt();
        for (int i = 0; i < accountCount; i++)
        {
            final Account account = accounts.getOrCreate(in.getLong());
            account.maxOrderQuantity = in.getLong();
            account.maxOrderNotional = in.getLong();
            account.killSwitch = in.getInt() == 1;
            final int assets = in.getInt();
            for (int a = 0; a < assets; a++)
            {
                accounts.restore(account, in.getInt(), in.getLong(), in.getLong());
            }
        }

        for (int i = 0; i < instrumentCount; i++)
        {
            final Instrument instrument = instruments.inOrder(i);
            readSide(state, in, instrument, Side.BUY, version);
            readSide(state, in, instrument, Side.SELL, version);
        }
        if (length - (in.position() - offset) > Integer.BYTES)
        {
            final int transferCount = in.getInt();
            for (int i = 0; i < transferCount; i++)
            {
                final long id = in.getLong();
                final long accountId = in.getLong();
                final int assetId = in.getInt();
                final long amount = in.getLong();
                final TransferState transferState = TransferState.fromCode(in.getInt());
                final boolean incoming = in.getInt() == 1;
                final RejectReason reason = RejectReason.fromCode(in.getInt());
                if (transferState == null || transferState == TransferState.NONE || reason == null)
                {
                    throw new IllegalStateException("snapshot holds transfer " + id + " in no known state");
                }
                final long part = state.transfers.add(id, accountId, assetId, amount, incoming, reason, transferState)
                    .inTransferPart();
                if (part != 0)
                {
                    accounts.getOrCreate(accountId).addInTransfer(assetId, part);
                }
            }
        }
        if (length - (in.position() - offset) > Integer.BYTES)
        {
            state.moveLock.restore(in.getLong(), in.getInt(), in.getLong());
        }
        if (length - (in.position() - offset) > Integer.BYTES)
        {
            final int switches = in.getInt();
            for (int i = 0; i < switches; i++)
            {
                state.moveLock.restoreSwitch(in.getInt(), in.getInt());
            }
        }
        final int recordedLength = in.getInt();
        if (recordedLength != in.position() - offset || recordedLength != length)
        {
            throw new IllegalStateException(
                "snapshot length mismatch: recorded " + recordedLength + ", read " + (in.position() - offset) +
                ", given " + length);
        }
    }

    private static void writeSide(final SnapshotWriter out, final BookSide side)
    {
        int count = 0;
        for (int i = side.levelCount() - 1; i >= 0; i--)
        {
            count += side.levelAt(i).orderCount();
        }
        out.putInt(count);
        for (int i = side.levelCount() - 1; i >= 0; i--)
        {
            for (BookOrder bookOrder = side.levelAt(i).head(); bookOrder != null; bookOrder = bookOrder.next())
            {
                final Order order = (Order)bookOrder;
                out.putLong(order.orderId()).putLong(order.clientOrderId).putLong(order.account.id);
                out.putInt(order.type.code()).putInt(order.timeInForce.code());
                out.putInt(order.selfTradePrevention.code()).putInt(order.postOnly ? 1 : 0);
                out.putLong(order.price()).putLong(order.openQuantity()).putLong(order.filledQuantity);
                out.putLong(order.entryTime).putLong(order.filledNotional).putLong(order.updateTime);
            }
        }
    }

    private static void readSide(
        final EngineState state, final SnapshotReader in, final Instrument instrument, final Side side,
        final int version)
    {
        final int count = in.getInt();
        for (int i = 0; i < count; i++)
        {
            readOrder(state, in, instrument, side, version);
        }
    }

    /**
     * One resting order, a method of its own so that the JIT compiles it once enough orders were read, however few
     * the restores: with the loop's body inline, the JIT counted two calls per instrument and restore, and a shard
     * host's book reads (a restore of the whole image) ran this in the interpreter through its dry run and its first
     * real moves (seen with {@code -XX:+PrintCompilation} in {@code dx bench shard}: the first restores of a 550 KB
     * image, 6,000 orders, took 10-16 ms; compiled, a 370 KB image took about 2 ms).
     */
    private static void readOrder(
        final EngineState state, final SnapshotReader in, final Instrument instrument, final Side side,
        final int version)
    {
        final Order order = (Order)state.orderPool.take();
        if (order == null)
        {
            throw new IllegalStateException("snapshot holds more resting orders than maxOrders");
        }
        final long orderId = in.getLong();
        order.clientOrderId = in.getLong();
        order.account = state.accounts.get(in.getLong());
        if (order.account == null)
        {
            throw new IllegalStateException("snapshot order " + orderId + " names an unknown account");
        }
        order.instrument = instrument;
        order.type = OrderType.fromCode(in.getInt());
        order.timeInForce = TimeInForce.fromCode(in.getInt());
        order.selfTradePrevention = SelfTradePrevention.fromCode(in.getInt());
        order.postOnly = in.getInt() == 1;
        final long price = in.getLong();
        order.init(orderId, side, price, in.getLong());
        order.filledQuantity = in.getLong();
        order.entryTime = version >= 2 ? in.getLong() : 0;
        final boolean carried = version >= 3;
        order.filledNotional = carried ? in.getLong() : order.filledQuantity == 0 ? 0 : -1;
        order.updateTime = carried ? in.getLong() : 0;
        instrument.book.load(order);
        if (order.clientOrderId != 0)
        {
            state.clientOrders.put(order);
        }
    }
}
