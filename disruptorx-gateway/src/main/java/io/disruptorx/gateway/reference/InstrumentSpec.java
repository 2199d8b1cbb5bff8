package io.disruptorx.gateway.reference;

/**
 * What a gateway must know of an instrument to convert decimals into the engine's units: the same values the
 * engine was given in its AddInstrument command.
 *
 * @param id            engine instrument id, at least 1.
 * @param symbol        1 to 8 printable ASCII characters without spaces (POE's Instrument field is 8 bytes).
 * @param priceScale    decimal places of a price: engine price = decimal price x 10^priceScale.
 * @param quantityScale decimal places of a quantity: engine quantity = decimal quantity x 10^quantityScale.
 * @param tickSize      smallest price step, in engine price units.
 * @param lotSize       smallest quantity step, in engine quantity units.
 */
public record InstrumentSpec(int id, String symbol, int priceScale, int quantityScale, long tickSize, long lotSize)
{
    /** Longest symbol. */
    public static final int MAX_SYMBOL_LENGTH = 8;

    /**
     * Validates the definition.
     */
    public InstrumentSpec
    {
        if (id < 1)
        {
            throw new IllegalArgumentException("instrument id must be at least 1, was " + id);
        }
        if (symbol == null || symbol.isEmpty() || symbol.length() > MAX_SYMBOL_LENGTH)
        {
            throw new IllegalArgumentException("symbol must have 1 to 8 characters, was " + symbol);
        }
        for (int i = 0; i < symbol.length(); i++)
        {
            final char c = symbol.charAt(i);
            if (c <= ' ' || c > '~')
            {
                throw new IllegalArgumentException("symbol must be printable ASCII without spaces, was " + symbol);
            }
        }
        if (priceScale < 0 || priceScale > 18 || quantityScale < 0 || quantityScale > 18)
        {
            throw new IllegalArgumentException("scales must be in [0, 18], were " + priceScale + " and " +
                quantityScale);
        }
        if (tickSize < 1 || lotSize < 1)
        {
            throw new IllegalArgumentException("tick and lot sizes must be positive, were " + tickSize + " and " +
                lotSize);
        }
    }

    /**
     * @return the symbol as POE carries it: 8 ASCII bytes, left-justified, space-padded, read as a big-endian long.
     */
    public long packedSymbol()
    {
        return packSymbol(symbol);
    }

    /**
     * @param symbol up to 8 ASCII characters.
     * @return the symbol packed as POE carries it.
     */
    public static long packSymbol(final String symbol)
    {
        long packed = 0;
        for (int i = 0; i < MAX_SYMBOL_LENGTH; i++)
        {
            packed = (packed << 8) | (i < symbol.length() ? symbol.charAt(i) & 0xFF : ' ');
        }
        return packed;
    }
}
