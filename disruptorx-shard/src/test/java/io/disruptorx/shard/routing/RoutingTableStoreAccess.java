package io.disruptorx.shard.routing;

/**
 * Opens {@link RoutingTableStore}'s text format to tests in other packages.
 */
public final class RoutingTableStoreAccess
{
    private RoutingTableStoreAccess()
    {
    }

    /**
     * @param table a table.
     * @return the text the store would write for it.
     */
    public static String format(final RoutingTable table)
    {
        return RoutingTableStore.format(table);
    }
}
