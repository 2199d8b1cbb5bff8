package io.disruptorx.engine.book;

import java.util.function.Supplier;

/**
 * Preallocated orders, shared by the books that use them. It grows in chunks up to a hard capacity; only growth
 * allocates. The factory makes the host's order class, once per order, never on the hot path.
 *
 * <p>Each book takes and gives back its orders through its own {@link Shelf}: an order a book gives back stays on
 * that book's shelf for the book's next order, and an empty shelf is refilled with a run of {@value #SHELF_RUN}
 * orders made one after the other. So a book's orders lie close together in memory, and an order, its neighbours
 * in the level and the level's tail share pages and often lines (with many books, most of a command's time is
 * cache and TLB misses). Which order object a book gets changes no event. The capacity bounds the orders in use,
 * exactly as without shelves: when nothing is free anywhere else, every shelf is emptied back into the pool.
 */
public final class OrderPool
{
    private static final int SHELF_RUN = 64;

    private final int capacity;
    private final int chunk;
    private final Supplier<? extends BookOrder> factory;
    private BookOrder[] free;
    private int freeCount;
    private int created;
    private Shelf[] shelves = new Shelf[8];
    private int shelfCount;
    private int shelved;

    /**
     * @param initial  orders created now, and per growth step.
     * @param capacity most orders ever in use at once.
     * @param factory  makes one order (for example {@code BookOrder::new}, or a subclass's constructor).
     */
    public OrderPool(final int initial, final int capacity, final Supplier<? extends BookOrder> factory)
    {
        this.capacity = capacity;
        this.chunk = Math.max(1, initial);
        this.factory = factory;
        this.free = new BookOrder[this.chunk];
        grow();
    }

    /**
     * @return a cleared order, or {@code null} when {@code capacity} orders are in use.
     */
    public BookOrder take()
    {
        if (freeCount == 0 && !grow() && !unshelveAll())
        {
            return null;
        }
        final BookOrder order = free[--freeCount];
        free[freeCount] = null;
        return order;
    }

    /**
     * @return orders taken and not yet given back.
     */
    public int inUse()
    {
        return created - freeCount - shelved;
    }

    /**
     * @return a new shelf, for one book.
     */
    Shelf shelf()
    {
        if (shelfCount == shelves.length)
        {
            final Shelf[] grown = new Shelf[shelves.length * 2];
            System.arraycopy(shelves, 0, grown, 0, shelfCount);
            shelves = grown;
        }
        final Shelf shelf = new Shelf();
        shelves[shelfCount++] = shelf;
        return shelf;
    }

    /**
     * @param shelf a book's shelf.
     * @return a cleared order from the shelf (refilled from the pool when empty), or {@code null} when
     * {@code capacity} orders are in use.
     */
    BookOrder take(final Shelf shelf)
    {
        if (shelf.top == null && !refill(shelf))
        {
            return take();
        }
        final BookOrder order = shelf.top;
        shelf.top = order.next;
        order.next = null;
        shelved--;
        return order;
    }

    void release(final BookOrder order, final Shelf shelf)
    {
        order.clear();
        order.next = shelf.top;
        shelf.top = order;
        shelved++;
    }

    /**
     * Moves a run of free orders, made one after the other, onto an empty shelf (first made on top, so the shelf
     * hands them out in the order they were made).
     */
    private boolean refill(final Shelf shelf)
    {
        if (freeCount == 0 && !grow())
        {
            return false;
        }
        final int run = Math.min(SHELF_RUN, freeCount);
        final int from = freeCount - run;
        for (int i = freeCount - 1; i >= from; i--)
        {
            final BookOrder order = free[i];
            free[i] = null;
            order.next = shelf.top;
            shelf.top = order;
        }
        freeCount = from;
        shelved += run;
        return true;
    }

    /**
     * Empties every shelf back into the pool, in the order the shelves were made: only when the pool is empty and
     * may not grow, so that the capacity bounds the orders in use and nothing else.
     */
    private boolean unshelveAll()
    {
        if (shelved == 0)
        {
            return false;
        }
        for (int s = 0; s < shelfCount; s++)
        {
            final Shelf shelf = shelves[s];
            BookOrder order = shelf.top;
            while (order != null)
            {
                final BookOrder next = order.next;
                order.next = null;
                free[freeCount++] = order;
                order = next;
            }
            shelf.top = null;
        }
        shelved = 0;
        return true;
    }

    private boolean grow()
    {
        final int add = Math.min(chunk, capacity - created);
        if (add <= 0)
        {
            return false;
        }
        if (free.length < created + add)
        {
            final BookOrder[] grown = new BookOrder[created + add];
            System.arraycopy(free, 0, grown, 0, freeCount);
            free = grown;
        }
        for (int i = 0; i < add; i++)
        {
            free[freeCount++] = factory.get();
        }
        created += add;
        return true;
    }

    /** One book's free orders: a stack linked through the orders' own {@code next} field. */
    static final class Shelf
    {
        private BookOrder top;
    }
}
