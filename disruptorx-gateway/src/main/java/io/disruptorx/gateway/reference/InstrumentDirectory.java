package io.disruptorx.gateway.reference;

import java.util.List;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The instruments a gateway converts for, by engine id and by packed symbol. Built once from configuration and
 * read only afterwards, so lookups never allocate.
 *
 * <p>The gateway learns reference data from its configuration, not from the venue: the engine's events say that
 * an instrument was added ({@code AdminResult}) but not its scales, and a restarted node replays its journal
 * without emitting events. The configuration must therefore agree with the engine's AddInstrument commands;
 * where it does not, the engine still refuses what is off its tick or lot ({@code INVALID_PRICE},
 * {@code INVALID_QUANTITY}), so a mistake can refuse orders but never change their value silently.
 */
public final class InstrumentDirectory
{
    private final Int2ObjectHashMap<InstrumentSpec> byId = new Int2ObjectHashMap<>();
    private final Long2ObjectHashMap<InstrumentSpec> bySymbol = new Long2ObjectHashMap<>();

    /**
     * @param instruments definitions; ids and symbols must be unique.
     */
    public InstrumentDirectory(final List<InstrumentSpec> instruments)
    {
        for (final InstrumentSpec instrument : instruments)
        {
            if (byId.put(instrument.id(), instrument) != null)
            {
                throw new IllegalArgumentException("instrument id " + instrument.id() + " is listed twice");
            }
            if (bySymbol.put(instrument.packedSymbol(), instrument) != null)
            {
                throw new IllegalArgumentException("symbol " + instrument.symbol() + " is listed twice");
            }
        }
    }

    /**
     * @param id engine instrument id.
     * @return the instrument, or {@code null}.
     */
    public InstrumentSpec byId(final int id)
    {
        return byId.get(id);
    }

    /**
     * @param packedSymbol symbol as {@link InstrumentSpec#packSymbol} packs it.
     * @return the instrument, or {@code null}.
     */
    public InstrumentSpec bySymbol(final long packedSymbol)
    {
        return bySymbol.get(packedSymbol);
    }

    /**
     * @return how many instruments.
     */
    public int size()
    {
        return byId.size();
    }
}
