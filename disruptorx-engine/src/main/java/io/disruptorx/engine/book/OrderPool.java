package io.disruptorx.engine.book;

import java.util.function.Supplier;

import io.disruptorx.engine.Side;

/**
 * Preallocated orders, shared by the books that use them. What matching touches of an order lives in one
 * {@code long[]}, {@value #STRIDE} longs (one 64-byte cache line) per order, found by the order's int handle: id,
 * price, open quantity, its neighbours in its level and its level, as handles. The books link, search and match
 * over handles and never load an order object; the {@link BookOrder} objects, one per handle, are how a host
 * (the engine, with its own fields in a subclass) and the public API see an order. Free handles are a stack, so
 * a freed order's line is the next one taken.
 *
 * <p>It grows in chunks up to a hard capacity; only growth allocates. The factory makes the host's order class,
 * once per order, never on the hot path. One more order, the scratch order, is kept out of the free list for
 * orders that never rest (immediate or cancel).
 */
public final class OrderPool
{
    static final int STRIDE = 8;
    /** The elements of a {@code long[]} start 16 bytes into it: 6 longs more reach a 64-byte boundary. */
    static final int BASE = 6;
    static final int NONE = -1;
    static final int ID = 0;
    static final int PRICE = 1;
    static final int QUANTITY = 2;
    static final int PREVIOUS = 3;
    static final int NEXT = 4;
    static final int LEVEL = 5;
    static final int FLAGS = 6;
    static final long SIDE_MASK = 3;
    static final long INDEXED = 4;

    private final int capacity;
    private final int chunk;
    private final Supplier<? extends BookOrder> factory;
    private final boolean hostClears;
    private final BookOrder scratch;
    long[] data;
    BookOrder[] orders;
    private int[] free;
    private int freeCount;
    private int created;

    /**
     * A pool of plain {@link BookOrder}s.
     *
     * @param initial  orders created now, and per growth step.
     * @param capacity most orders ever in use at once.
     */
    public OrderPool(final int initial, final int capacity)
    {
        this(initial, capacity, BookOrder::new, false);
    }

    /**
     * A pool of the host's own orders: each one's {@link BookOrder#clear} runs when it goes back to the pool.
     *
     * @param initial  orders created now, and per growth step.
     * @param capacity most orders ever in use at once.
     * @param factory  makes one order (a subclass's constructor).
     */
    public OrderPool(final int initial, final int capacity, final Supplier<? extends BookOrder> factory)
    {
        this(initial, capacity, factory, true);
    }

    private OrderPool(
        final int initial, final int capacity, final Supplier<? extends BookOrder> factory, final boolean hostClears)
    {
        this.capacity = capacity;
        this.chunk = Math.max(1, initial);
        this.factory = factory;
        this.hostClears = hostClears;
        this.data = new long[BASE + STRIDE * (this.chunk + 1)];
        this.orders = new BookOrder[this.chunk + 1];
        this.free = new int[this.chunk];
        this.scratch = create(0);
        created = 1;
        grow();
    }

    /**
     * @return a cleared order, or {@code null} when {@code capacity} orders are in use.
     */
    public BookOrder take()
    {
        final int handle = takeHandle();
        return handle == NONE ? null : orders[handle];
    }

    /**
     * @return the order kept out of the free list, for an order that never rests; it is never taken.
     */
    public BookOrder scratch()
    {
        return scratch;
    }

    /**
     * @return orders taken and not yet given back.
     */
    public int inUse()
    {
        return created - 1 - freeCount;
    }

    int takeHandle()
    {
        if (freeCount == 0 && !grow())
        {
            return NONE;
        }
        return free[--freeCount];
    }

    int scratchHandle()
    {
        return scratch.handle;
    }

    void release(final int handle)
    {
        if (hostClears)
        {
            orders[handle].clear();
        }
        else
        {
            clearRecord(handle);
        }
        free[freeCount++] = handle;
    }

    BookOrder order(final int handle)
    {
        return orders[handle];
    }

    static int at(final int handle)
    {
        return BASE + (handle << 3);
    }

    void set(final int handle, final long orderId, final Side side, final long price, final long quantity)
    {
        final long[] data = this.data;
        final int at = at(handle);
        data[at + ID] = orderId;
        data[at + PRICE] = price;
        data[at + QUANTITY] = quantity;
        data[at + FLAGS] = (data[at + FLAGS] & ~SIDE_MASK) | (side == null ? 0 : side.ordinal() + 1);
    }

    void clearRecord(final int handle)
    {
        final long[] data = this.data;
        final int at = at(handle);
        data[at + ID] = 0;
        data[at + PRICE] = 0;
        data[at + QUANTITY] = 0;
        data[at + PREVIOUS] = NONE;
        data[at + NEXT] = NONE;
        data[at + LEVEL] = NONE;
        data[at + FLAGS] = 0;
    }

    long orderId(final int handle)
    {
        return data[at(handle) + ID];
    }

    long price(final int handle)
    {
        return data[at(handle) + PRICE];
    }

    long quantity(final int handle)
    {
        return data[at(handle) + QUANTITY];
    }

    int next(final int handle)
    {
        return (int)data[at(handle) + NEXT];
    }

    int level(final int handle)
    {
        return (int)data[at(handle) + LEVEL];
    }

    boolean buy(final int handle)
    {
        return (data[at(handle) + FLAGS] & SIDE_MASK) == 1;
    }

    Side side(final int handle)
    {
        final int code = (int)(data[at(handle) + FLAGS] & SIDE_MASK);
        return code == 0 ? null : code == 1 ? Side.BUY : Side.SELL;
    }

    boolean indexed(final int handle)
    {
        return (data[at(handle) + FLAGS] & INDEXED) != 0;
    }

    void indexed(final int handle, final boolean indexed)
    {
        final int at = at(handle) + FLAGS;
        data[at] = indexed ? data[at] | INDEXED : data[at] & ~INDEXED;
    }

    private boolean grow()
    {
        final int add = Math.min(chunk, capacity - (created - 1));
        if (add <= 0)
        {
            return false;
        }
        final int total = created + add;
        if (orders.length < total)
        {
            final long[] grownData = new long[BASE + STRIDE * total];
            System.arraycopy(data, 0, grownData, 0, data.length);
            data = grownData;
            final BookOrder[] grownOrders = new BookOrder[total];
            System.arraycopy(orders, 0, grownOrders, 0, created);
            orders = grownOrders;
        }
        if (free.length < total)
        {
            final int[] grownFree = new int[total];
            System.arraycopy(free, 0, grownFree, 0, freeCount);
            free = grownFree;
        }
        // pushed in reverse so that the lowest handles, next to each other, are taken first
        for (int handle = total - 1; handle >= created; handle--)
        {
            create(handle);
            free[freeCount++] = handle;
        }
        created = total;
        return true;
    }

    private BookOrder create(final int handle)
    {
        final BookOrder order = factory.get();
        order.pool = this;
        order.handle = handle;
        orders[handle] = order;
        clearRecord(handle);
        return order;
    }
}
