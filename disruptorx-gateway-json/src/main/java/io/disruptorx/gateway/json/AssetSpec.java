package io.disruptorx.gateway.json;

/**
 * One asset as the JSON edge names it in {@code GET /api/v3/account}: the engine's asset id, the name clients
 * see, and the decimals of its smallest unit (the quote asset of an instrument with price scale 2 counts in
 * hundredths, so its scale is 2; a base asset's scale is its instruments' quantity scale).
 *
 * @param id    the engine's asset id.
 * @param name  the name shown, such as {@code USD}.
 * @param scale decimals of the asset's smallest unit, 0 to 18.
 */
public record AssetSpec(int id, String name, int scale)
{
    /**
     * Checks the fields.
     */
    public AssetSpec
    {
        if (id < 0)
        {
            throw new IllegalArgumentException("asset id must be at least 0, was " + id);
        }
        if (name == null || name.isBlank() || name.length() > 32)
        {
            throw new IllegalArgumentException("asset name must be 1 to 32 characters, was '" + name + "'");
        }
        if (scale < 0 || scale > 18)
        {
            throw new IllegalArgumentException("asset scale must be in [0, 18], was " + scale);
        }
    }
}
