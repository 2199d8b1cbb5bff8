package io.disruptorx.node.embedded;

import java.util.function.LongSupplier;

import com.lmax.disruptor.EventTranslator;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * The command a {@link NodeClient} is sending: its kind and arguments, staged in fields, and how they are written
 * into the input ring slot the ring claims for it. One per client, reused for every command, so publishing
 * allocates nothing and captures nothing; the ring publishes the slot even when encoding throws (an empty slot,
 * which the engine step skips), so a bad argument never stalls the ring.
 */
final class StagedCommand implements EventTranslator<CommandSlot>
{
    static final int NEW_ORDER = 1;
    static final int CANCEL_ORDER = 2;
    static final int REPLACE_ORDER = 3;
    static final int MASS_CANCEL = 4;
    static final int ADD_INSTRUMENT = 5;
    static final int ADJUST_BALANCE = 6;
    static final int SET_RISK_LIMITS = 7;
    static final int TAKE_SNAPSHOT = 8;
    static final int HALT_INSTRUMENT = 9;
    static final int RESUME_INSTRUMENT = 10;
    static final int END_OF_DAY = 11;

    private static final Side[] SIDES = Side.values();
    private static final OrderType[] ORDER_TYPES = OrderType.values();
    private static final TimeInForce[] TIMES_IN_FORCE = TimeInForce.values();
    private static final SelfTradePrevention[] SELF_TRADE_PREVENTIONS = SelfTradePrevention.values();

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final long sequenceBase;
    private final LongSupplier epochNanos;
    private final LongSupplier nanoTime;
    private long journalSequence;

    int kind;
    long accountId;
    long clientOrderId;
    long requestId;
    long orderId;
    int instrumentId;
    int side;
    int type;
    int timeInForce;
    boolean postOnly;
    int selfTradePrevention;
    long price;
    long quantity;
    int baseAssetId;
    int quoteAssetId;
    long tickSize;
    long lotSize;
    int priceScale;
    int quantityScale;
    long makerFeePerLot;
    long takerFeePerLot;
    long referencePrice;
    int priceBandBps;
    int marketProtectionBps;
    int assetId;
    long amount;
    long maxOrderQuantity;
    long maxOrderNotional;
    boolean killSwitch;
    long snapshotId;

    /**
     * @param sequenceBase journal sequence of ring sequence 0.
     * @param epochNanos   the host's time, each command's timestamp.
     * @param nanoTime     monotonic time, when the slot was published (latency only).
     */
    StagedCommand(final long sequenceBase, final LongSupplier epochNanos, final LongSupplier nanoTime)
    {
        this.sequenceBase = sequenceBase;
        this.epochNanos = epochNanos;
        this.nanoTime = nanoTime;
    }

    /**
     * Enum arguments are staged as their ordinals: a primitive store costs nothing more, a reference store into
     * this long-lived object takes the collector's write barrier on every command.
     *
     * @return the enum's ordinal, or -1 for {@code null} (which the encoder writes as the field's null value).
     */
    static int code(final Enum<?> value)
    {
        return null == value ? -1 : value.ordinal();
    }

    private static <E> E value(final E[] values, final int code)
    {
        return code < 0 ? null : values[code];
    }

    /**
     * @return the journal sequence of the command published last.
     */
    long journalSequence()
    {
        return journalSequence;
    }

    @Override
    public void translateTo(final CommandSlot slot, final long sequence)
    {
        slot.length = 0;
        try
        {
            slot.length = encode(slot.buffer, epochNanos.getAsLong());
        }
        finally
        {
            slot.sequence = sequenceBase + sequence;
            slot.publishNanos = nanoTime.getAsLong();
            journalSequence = slot.sequence;
        }
    }

    /**
     * One small method per command, so the JIT inlines the one a hot caller sends into the ring's publish.
     */
    private int encode(final MutableDirectBuffer buffer, final long now)
    {
        switch (kind)
        {
            case NEW_ORDER:
                return newOrder(buffer, now);
            case CANCEL_ORDER:
                return encoder.cancelOrder(buffer, 0, now, accountId, requestId, orderId);
            case REPLACE_ORDER:
                return encoder.replaceOrder(buffer, 0, now, accountId, requestId, orderId, price, quantity);
            case MASS_CANCEL:
                return encoder.massCancel(buffer, 0, now, accountId, instrumentId, requestId);
            case ADD_INSTRUMENT:
                return addInstrument(buffer, now);
            case ADJUST_BALANCE:
                return encoder.adjustBalance(buffer, 0, now, accountId, assetId, amount);
            case SET_RISK_LIMITS:
                return encoder.setRiskLimits(buffer, 0, now, accountId, maxOrderQuantity, maxOrderNotional,
                    killSwitch);
            default:
                return instrumentCommand(buffer, now);
        }
    }

    private int newOrder(final MutableDirectBuffer buffer, final long now)
    {
        return encoder.newOrder(buffer, 0, now, accountId, clientOrderId, instrumentId, value(SIDES, side),
            value(ORDER_TYPES, type), value(TIMES_IN_FORCE, timeInForce), postOnly,
            value(SELF_TRADE_PREVENTIONS, selfTradePrevention), price, quantity);
    }

    private int addInstrument(final MutableDirectBuffer buffer, final long now)
    {
        return encoder.addInstrument(buffer, 0, now, instrumentId, baseAssetId, quoteAssetId, tickSize, lotSize,
            priceScale, quantityScale, makerFeePerLot, takerFeePerLot, referencePrice, priceBandBps,
            marketProtectionBps);
    }

    private int instrumentCommand(final MutableDirectBuffer buffer, final long now)
    {
        switch (kind)
        {
            case TAKE_SNAPSHOT:
                return encoder.takeSnapshot(buffer, 0, now, snapshotId);
            case HALT_INSTRUMENT:
                return encoder.haltInstrument(buffer, 0, now, instrumentId);
            case RESUME_INSTRUMENT:
                return encoder.resumeInstrument(buffer, 0, now, instrumentId);
            case END_OF_DAY:
                return encoder.endOfDay(buffer, 0, now, instrumentId);
            default:
                throw new IllegalStateException("no command staged: " + kind);
        }
    }
}
