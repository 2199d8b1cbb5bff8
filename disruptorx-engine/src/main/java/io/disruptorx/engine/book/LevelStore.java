package io.disruptorx.engine.book;

/**
 * One book's price levels, {@value #STRIDE} longs (half a cache line) per level in one {@code long[]}, found by
 * an int handle: price, total open quantity, the first and last order's handles (the level's FIFO is linked
 * through the orders' lines in the {@link OrderPool}) and the order count. Freed levels are reused, most recently
 * freed first; only growth allocates (the array and one {@link PriceLevel} view per new level).
 */
final class LevelStore
{
    static final int STRIDE = 4;
    /** The elements of a {@code long[]} start 16 bytes into it: 2 longs more reach a 32-byte boundary. */
    private static final int BASE = 2;
    private static final int PRICE = 0;
    private static final int TOTAL = 1;
    private static final int ENDS = 2;
    private static final int COUNT = 3;
    private static final long LOW = 0xFFFF_FFFFL;

    final OrderPool orders;
    private long[] data;
    private PriceLevel[] views;
    private int[] free;
    private int freeCount;
    private int created;

    LevelStore(final OrderPool orders, final int initialLevels)
    {
        this.orders = orders;
        this.data = new long[BASE + STRIDE * initialLevels];
        this.views = new PriceLevel[initialLevels];
        this.free = new int[initialLevels];
    }

    int take(final long price)
    {
        final int level;
        if (freeCount > 0)
        {
            level = free[--freeCount];
        }
        else
        {
            level = create();
        }
        final int at = at(level);
        data[at + PRICE] = price;
        data[at + TOTAL] = 0;
        data[at + ENDS] = ends(OrderPool.NONE, OrderPool.NONE);
        data[at + COUNT] = 0;
        return level;
    }

    void release(final int level)
    {
        free[freeCount++] = level;
    }

    PriceLevel view(final int level)
    {
        return views[level];
    }

    long price(final int level)
    {
        return data[at(level) + PRICE];
    }

    int head(final int level)
    {
        return (int)(data[at(level) + ENDS] >> 32);
    }

    int orderCount(final int level)
    {
        return (int)data[at(level) + COUNT];
    }

    long totalQuantity(final int level)
    {
        return data[at(level) + TOTAL];
    }

    /**
     * Links an order at the back of the level.
     */
    void append(final int level, final int order)
    {
        final long[] data = this.data;
        final long[] lines = orders.data;
        final int at = at(level);
        final int orderAt = OrderPool.at(order);
        final long ends = data[at + ENDS];
        final int tail = (int)ends;
        lines[orderAt + OrderPool.PREVIOUS] = tail;
        lines[orderAt + OrderPool.NEXT] = OrderPool.NONE;
        lines[orderAt + OrderPool.LEVEL] = level;
        final int head;
        if (tail == OrderPool.NONE)
        {
            head = order;
        }
        else
        {
            head = (int)(ends >> 32);
            lines[OrderPool.at(tail) + OrderPool.NEXT] = order;
        }
        data[at + ENDS] = ends(head, order);
        data[at + COUNT]++;
        data[at + TOTAL] += lines[orderAt + OrderPool.QUANTITY];
    }

    /**
     * Unlinks an order from the level.
     *
     * @return whether the level is now empty.
     */
    boolean unlink(final int level, final int order)
    {
        final long[] data = this.data;
        final long[] lines = orders.data;
        final int at = at(level);
        final int orderAt = OrderPool.at(order);
        final int previous = (int)lines[orderAt + OrderPool.PREVIOUS];
        final int next = (int)lines[orderAt + OrderPool.NEXT];
        final long ends = data[at + ENDS];
        int head = (int)(ends >> 32);
        int tail = (int)ends;
        if (previous == OrderPool.NONE)
        {
            head = next;
        }
        else
        {
            lines[OrderPool.at(previous) + OrderPool.NEXT] = next;
        }
        if (next == OrderPool.NONE)
        {
            tail = previous;
        }
        else
        {
            lines[OrderPool.at(next) + OrderPool.PREVIOUS] = previous;
        }
        lines[orderAt + OrderPool.PREVIOUS] = OrderPool.NONE;
        lines[orderAt + OrderPool.NEXT] = OrderPool.NONE;
        lines[orderAt + OrderPool.LEVEL] = OrderPool.NONE;
        data[at + ENDS] = ends(head, tail);
        data[at + COUNT]--;
        data[at + TOTAL] -= lines[orderAt + OrderPool.QUANTITY];
        return head == OrderPool.NONE;
    }

    void reduce(final int level, final long quantity)
    {
        data[at(level) + TOTAL] -= quantity;
    }

    private int create()
    {
        final int level = created;
        if (level == views.length)
        {
            final int grown = views.length * 2;
            final long[] grownData = new long[BASE + STRIDE * grown];
            System.arraycopy(data, 0, grownData, 0, data.length);
            data = grownData;
            final PriceLevel[] grownViews = new PriceLevel[grown];
            System.arraycopy(views, 0, grownViews, 0, created);
            views = grownViews;
            free = new int[grown];
        }
        views[level] = new PriceLevel(this, level);
        created++;
        return level;
    }

    private static int at(final int level)
    {
        return BASE + (level << 2);
    }

    private static long ends(final int head, final int tail)
    {
        return ((long)head << 32) | (tail & LOW);
    }
}
