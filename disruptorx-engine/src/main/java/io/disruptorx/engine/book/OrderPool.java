package io.disruptorx.engine.book;

import java.util.function.Supplier;

import io.disruptorx.engine.Side;

/**
 * Preallocated orders, shared by the books that use them, placed by id. What matching touches of an order lives
 * in one {@code long[]}, {@value #STRIDE} longs (one 64-byte cache line) per slot: id, price, open quantity, its
 * neighbours in its level and its level (as handles), side and flags. An order's slot is chosen from its id when it
 * is taken: the id's home slot (the id modulo the slot count, so the engine's ascending ids fill slots one after
 * the other), or the next free slot after it. Finding a live order by id ({@link #find}) therefore reads its own
 * line first, and that line already holds what a cancel, a reduce or a move needs: one cache miss where an index of
 * references and then the order cost two. A home slot counts the live orders that belong there but were placed
 * further on, so a search for an absent id ends at its home line when that count is 0.
 *
 * <p>The {@link BookOrder} objects, one per slot, are how a host (the engine, with its own fields in a subclass)
 * and the public API see an order. Slots are at most half used; when that would be exceeded the slots double and
 * every live order is placed again (its object moves with it, the books' links are renumbered), which allocates,
 * as does creating the objects of the new slots; nothing else does. One more order, the scratch order, is kept
 * apart for orders that never rest (immediate or cancel). It is never iterated in a hash order: growth walks the
 * slots in ascending order, so every replica places every order alike.
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
    /** Of a home slot: live orders whose home it is, placed in a later slot. */
    static final int DISPLACED = 7;
    static final long SIDE_MASK = 3;
    static final long INDEXED = 4;
    static final long TAKEN = 8;
    private static final int SCRATCH = 0;
    private static final int MIN_SLOTS = 16;

    private final int capacity;
    private final Supplier<? extends BookOrder> factory;
    private final boolean hostClears;
    private final BookOrder scratch;
    private LevelStore[] stores = new LevelStore[4];
    private int storeCount;
    long[] data;
    BookOrder[] orders;
    private int slots;
    private int mask;
    private int inUse;

    /**
     * A pool of plain {@link BookOrder}s.
     *
     * @param initial  orders that fit before the first growth.
     * @param capacity most orders ever in use at once.
     */
    public OrderPool(final int initial, final int capacity)
    {
        this(initial, capacity, BookOrder::new, false);
    }

    /**
     * A pool of the host's own orders: each one's {@link BookOrder#clear} runs when it goes back to the pool.
     *
     * @param initial  orders that fit before the first growth.
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
        this.factory = factory;
        this.hostClears = hostClears;
        final int wanted = Math.max(MIN_SLOTS, 2 * Math.max(1, Math.min(initial, capacity)));
        this.slots = Integer.highestOneBit(wanted - 1) << 1;
        this.mask = slots - 1;
        this.data = new long[BASE + STRIDE * (slots + 1)];
        this.orders = new BookOrder[slots + 1];
        this.scratch = create(SCRATCH);
        for (int handle = 1; handle <= slots; handle++)
        {
            create(handle);
        }
    }

    /**
     * Takes the order that will carry {@code orderId}: its slot is chosen from the id, so the order must be
     * initialised ({@link BookOrder#init}) with this id.
     *
     * @param orderId the id the order will have.
     * @return a cleared order, or {@code null} when {@code capacity} orders are in use.
     */
    public BookOrder take(final long orderId)
    {
        final int handle = takeHandle(orderId);
        return handle == NONE ? null : orders[handle];
    }

    /**
     * @return the order kept apart for orders that never rest; it is never taken.
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
        return inUse;
    }

    int takeHandle(final long orderId)
    {
        if (inUse == capacity)
        {
            return NONE;
        }
        if (2 * (inUse + 1) > slots)
        {
            grow(slots * 2);
        }
        final int handle = place(data, orderId);
        final int at = at(handle);
        data[at + ID] = orderId;
        data[at + FLAGS] = TAKEN;
        inUse++;
        return handle;
    }

    int scratchHandle()
    {
        return SCRATCH;
    }

    /**
     * @return the handle of the taken order with that id whose {@link #INDEXED} flag is set, or {@link #NONE}.
     */
    int find(final long orderId)
    {
        final long[] data = this.data;
        final int mask = this.mask;
        final int home = (int)orderId & mask;
        int at = at(home + 1);
        if (data[at + ID] == orderId && (data[at + FLAGS] & (TAKEN | INDEXED)) == (TAKEN | INDEXED))
        {
            return home + 1;
        }
        long displaced = data[at + DISPLACED];
        int slot = home;
        for (int steps = 0; displaced > 0 && steps < mask; steps++)
        {
            slot = (slot + 1) & mask;
            at = at(slot + 1);
            if ((data[at + FLAGS] & TAKEN) != 0)
            {
                final long id = data[at + ID];
                if (((int)id & mask) == home)
                {
                    if (id == orderId && (data[at + FLAGS] & INDEXED) != 0)
                    {
                        return slot + 1;
                    }
                    displaced--;
                }
            }
        }
        return NONE;
    }

    void release(final int handle)
    {
        final long[] data = this.data;
        final long orderId = data[at(handle) + ID];
        if (hostClears)
        {
            orders[handle].clear();
        }
        else
        {
            clearRecord(handle);
        }
        final int home = (int)orderId & mask;
        if (home != handle - 1)
        {
            data[at(home + 1) + DISPLACED]--;
        }
        inUse--;
    }

    BookOrder order(final int handle)
    {
        return orders[handle];
    }

    static int at(final int handle)
    {
        return BASE + (handle << 3);
    }

    void register(final LevelStore store)
    {
        if (storeCount == stores.length)
        {
            final LevelStore[] grown = new LevelStore[stores.length * 2];
            System.arraycopy(stores, 0, grown, 0, storeCount);
            stores = grown;
        }
        stores[storeCount++] = store;
    }

    /**
     * Sets an order's matching fields; a taken order keeps the id it was taken for.
     *
     * @throws IllegalStateException if the order was taken for another id.
     */
    void set(final int handle, final long orderId, final Side side, final long price, final long quantity)
    {
        final long[] data = this.data;
        final int at = at(handle);
        if (handle != SCRATCH && data[at + ID] != orderId)
        {
            throw new IllegalStateException("order taken for id " + data[at + ID] + ", not " + orderId);
        }
        data[at + ID] = orderId;
        data[at + PRICE] = price;
        data[at + QUANTITY] = quantity;
        data[at + FLAGS] = (data[at + FLAGS] & ~SIDE_MASK) | (side == null ? 0 : side.ordinal() + 1);
    }

    /**
     * Clears an order's matching fields (not its slot's {@link #DISPLACED} count, which belongs to the slot).
     */
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

    /**
     * @return the handle of a free slot for {@code orderId}: its home, or the first free one after it (then counted
     * as displaced at the home).
     */
    private int place(final long[] data, final long orderId)
    {
        final int mask = this.mask;
        final int home = (int)orderId & mask;
        int slot = home;
        while ((data[at(slot + 1) + FLAGS] & TAKEN) != 0)
        {
            slot = (slot + 1) & mask;
        }
        if (slot != home)
        {
            data[at(home + 1) + DISPLACED]++;
        }
        return slot + 1;
    }

    /**
     * Doubles the slots and places every taken order again, in ascending slot order; its object moves with it and
     * the links to it (neighbours, levels' ends) are renumbered.
     */
    private void grow(final int newSlots)
    {
        final long[] old = data;
        final BookOrder[] oldOrders = orders;
        final int oldSlots = slots;
        final int[] moved = new int[oldSlots + 1];
        slots = newSlots;
        mask = newSlots - 1;
        data = new long[BASE + STRIDE * (newSlots + 1)];
        orders = new BookOrder[newSlots + 1];
        System.arraycopy(old, at(SCRATCH), data, at(SCRATCH), DISPLACED);
        orders[SCRATCH] = oldOrders[SCRATCH];
        final BookOrder[] spare = new BookOrder[oldSlots];
        int spareCount = 0;
        for (int handle = 1; handle <= oldSlots; handle++)
        {
            final int from = at(handle);
            if ((old[from + FLAGS] & TAKEN) != 0)
            {
                final int target = place(data, old[from + ID]);
                System.arraycopy(old, from, data, at(target), DISPLACED);
                final BookOrder order = oldOrders[handle];
                order.handle = target;
                orders[target] = order;
                moved[handle] = target;
            }
            else
            {
                spare[spareCount++] = oldOrders[handle];
            }
        }
        for (int handle = 1; handle <= newSlots; handle++)
        {
            final int at = at(handle);
            if ((data[at + FLAGS] & TAKEN) != 0)
            {
                data[at + PREVIOUS] = renumber(moved, data[at + PREVIOUS]);
                data[at + NEXT] = renumber(moved, data[at + NEXT]);
            }
            else if (spareCount > 0)
            {
                final BookOrder order = spare[--spareCount];
                order.handle = handle;
                orders[handle] = order;
                clearRecord(handle);
            }
            else
            {
                create(handle);
            }
        }
        for (int i = 0; i < storeCount; i++)
        {
            stores[i].renumber(moved);
        }
    }

    private static long renumber(final int[] moved, final long handle)
    {
        return handle == NONE ? NONE : moved[(int)handle];
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
