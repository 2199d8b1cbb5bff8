package io.disruptorx.marketdata.book;

import java.util.Arrays;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;

/**
 * Every instrument's book, by order and by price level. Orders live in slots of parallel primitive arrays
 * (id, instrument, side, price, quantity, entry time, previous and next slot in the level's time-priority list), found
 * by order id through a primitive map. A slot freed by a delete is reused; the arrays grow only when more
 * orders rest at once than ever before, so steady state allocates nothing.
 *
 * <p>Operations return false when they do not apply (unknown order, duplicate id): for a client in sync
 * that never happens, so callers count it as an inconsistency.
 */
public final class MarketBook
{
    private static final int NONE = -1;

    private final Int2ObjectHashMap<InstrumentBook> books = new Int2ObjectHashMap<>();
    private InstrumentBook[] booksInOrder = new InstrumentBook[8];
    private int bookCount;

    private final Long2LongHashMap slotByOrderId = new Long2LongHashMap(1024, 0.6f, NONE);
    private long[] orderIds = new long[1024];
    private long[] prices = new long[1024];
    private long[] quantities = new long[1024];
    private long[] timestamps = new long[1024];
    private InstrumentBook[] owners = new InstrumentBook[1024];
    private byte[] sides = new byte[1024];
    private int[] previous = new int[1024];
    private int[] next = new int[1024];
    private int freeHead = NONE;
    private int slotsUsed;

    /**
     * @param instrumentId instrument.
     * @return its book, or null when nothing was seen for it.
     */
    public InstrumentBook book(final int instrumentId)
    {
        return books.get(instrumentId);
    }

    /**
     * @param instrumentId instrument.
     * @return its book, created empty on first use.
     */
    public InstrumentBook bookOrCreate(final int instrumentId)
    {
        InstrumentBook book = books.get(instrumentId);
        if (book == null)
        {
            book = new InstrumentBook(instrumentId);
            books.put(instrumentId, book);
            if (bookCount == booksInOrder.length)
            {
                booksInOrder = Arrays.copyOf(booksInOrder, bookCount * 2);
            }
            booksInOrder[bookCount++] = book;
        }
        return book;
    }

    /**
     * @return number of instruments seen.
     */
    public int bookCount()
    {
        return bookCount;
    }

    /**
     * @param index 0 to {@link #bookCount()} - 1, in order of first appearance.
     * @return that book.
     */
    public InstrumentBook bookAt(final int index)
    {
        return booksInOrder[index];
    }

    /**
     * @return resting orders over all instruments.
     */
    public int orderCount()
    {
        return slotByOrderId.size();
    }

    /**
     * Adds an order at the back of its price level, entry time unknown (0).
     *
     * @param instrumentId instrument.
     * @param orderId      order.
     * @param side         0 buy, 1 sell.
     * @param price        price.
     * @param quantity     open quantity.
     * @return the instrument's book, or null when the order id already rests.
     */
    public InstrumentBook add(
        final int instrumentId, final long orderId, final int side, final long price, final long quantity)
    {
        return add(instrumentId, orderId, side, price, quantity, 0);
    }

    /**
     * Adds an order at the back of its price level.
     *
     * @param instrumentId instrument.
     * @param orderId      order.
     * @param side         0 buy, 1 sell.
     * @param price        price.
     * @param quantity     open quantity.
     * @param timestamp    when it entered the book (its OrderAdded timestamp).
     * @return the instrument's book, or null when the order id already rests.
     */
    public InstrumentBook add(
        final int instrumentId,
        final long orderId,
        final int side,
        final long price,
        final long quantity,
        final long timestamp)
    {
        if (slotByOrderId.get(orderId) != NONE)
        {
            return null;
        }
        final InstrumentBook book = bookOrCreate(instrumentId);
        final BookSide bookSide = book.side(side);
        int level = bookSide.find(price);
        if (level < 0)
        {
            level = bookSide.insert(-level - 1, price);
        }
        final int slot = allocateSlot();
        orderIds[slot] = orderId;
        prices[slot] = price;
        quantities[slot] = quantity;
        timestamps[slot] = timestamp;
        owners[slot] = book;
        sides[slot] = (byte)side;
        final int tail = bookSide.tail(level);
        previous[slot] = tail;
        next[slot] = NONE;
        if (tail == NONE)
        {
            bookSide.head(level, slot);
        }
        else
        {
            next[tail] = slot;
        }
        bookSide.tail(level, slot);
        bookSide.addQuantity(level, quantity);
        bookSide.addOrderCount(level, 1);
        book.addOrderCount(1);
        slotByOrderId.put(orderId, slot);
        return book;
    }

    /**
     * Sets a resting order's open quantity in place (it keeps its priority).
     *
     * @param orderId  order.
     * @param quantity open quantity now.
     * @return the instrument's book, or null when the order does not rest.
     */
    public InstrumentBook modify(final long orderId, final long quantity)
    {
        final int slot = (int)slotByOrderId.get(orderId);
        if (slot == NONE)
        {
            return null;
        }
        final InstrumentBook book = owners[slot];
        final BookSide bookSide = book.side(sides[slot]);
        final int level = bookSide.find(prices[slot]);
        bookSide.addQuantity(level, quantity - quantities[slot]);
        quantities[slot] = quantity;
        return book;
    }

    /**
     * Removes a resting order.
     *
     * @param orderId order.
     * @return the instrument's book, or null when the order does not rest.
     */
    public InstrumentBook delete(final long orderId)
    {
        final int slot = (int)slotByOrderId.remove(orderId);
        if (slot == NONE)
        {
            return null;
        }
        final InstrumentBook book = owners[slot];
        final BookSide bookSide = book.side(sides[slot]);
        final int level = bookSide.find(prices[slot]);
        final int before = previous[slot];
        final int after = next[slot];
        if (before == NONE)
        {
            bookSide.head(level, after);
        }
        else
        {
            next[before] = after;
        }
        if (after == NONE)
        {
            bookSide.tail(level, before);
        }
        else
        {
            previous[after] = before;
        }
        bookSide.addQuantity(level, -quantities[slot]);
        bookSide.addOrderCount(level, -1);
        if (bookSide.orderCount(level) == 0)
        {
            bookSide.remove(level);
        }
        book.addOrderCount(-1);
        owners[slot] = null;
        next[slot] = freeHead;
        freeHead = slot;
        return book;
    }

    /**
     * @param orderId order.
     * @return its open quantity, 0 when it does not rest.
     */
    public long quantity(final long orderId)
    {
        final int slot = (int)slotByOrderId.get(orderId);
        return slot == NONE ? 0 : quantities[slot];
    }

    /**
     * @param orderId order.
     * @return its price, 0 when it does not rest.
     */
    public long price(final long orderId)
    {
        final int slot = (int)slotByOrderId.get(orderId);
        return slot == NONE ? 0 : prices[slot];
    }

    /**
     * @param orderId order.
     * @return its side (0 buy, 1 sell), -1 when it does not rest.
     */
    public int side(final long orderId)
    {
        final int slot = (int)slotByOrderId.get(orderId);
        return slot == NONE ? -1 : sides[slot];
    }

    /**
     * @param slot an order slot from {@link BookSide#firstSlot} or this method.
     * @return the next order in time priority at the same level, -1 after the last.
     */
    public int nextSlot(final int slot)
    {
        return next[slot];
    }

    /**
     * @param slot order slot.
     * @return its order id.
     */
    public long slotOrderId(final int slot)
    {
        return orderIds[slot];
    }

    /**
     * @param slot order slot.
     * @return its open quantity.
     */
    public long slotQuantity(final int slot)
    {
        return quantities[slot];
    }

    /**
     * @param slot order slot.
     * @return when it entered the book (0 when unknown).
     */
    public long slotTimestamp(final int slot)
    {
        return timestamps[slot];
    }

    /**
     * @param instrumentId instrument.
     * @param state        {@link InstrumentBook#TRADING} or {@link InstrumentBook#HALTED}.
     * @return its book.
     */
    public InstrumentBook state(final int instrumentId, final int state)
    {
        final InstrumentBook book = bookOrCreate(instrumentId);
        book.state(state);
        return book;
    }

    /**
     * Empties every book (the instruments stay known) before a snapshot is loaded.
     */
    public void clear()
    {
        for (int i = 0; i < bookCount; i++)
        {
            booksInOrder[i].clear();
        }
        slotByOrderId.clear();
        Arrays.fill(owners, 0, slotsUsed, null);
        slotsUsed = 0;
        freeHead = NONE;
    }

    private int allocateSlot()
    {
        if (freeHead != NONE)
        {
            final int slot = freeHead;
            freeHead = next[slot];
            return slot;
        }
        if (slotsUsed == orderIds.length)
        {
            final int capacity = slotsUsed * 2;
            orderIds = Arrays.copyOf(orderIds, capacity);
            prices = Arrays.copyOf(prices, capacity);
            quantities = Arrays.copyOf(quantities, capacity);
            timestamps = Arrays.copyOf(timestamps, capacity);
            owners = Arrays.copyOf(owners, capacity);
            sides = Arrays.copyOf(sides, capacity);
            previous = Arrays.copyOf(previous, capacity);
            next = Arrays.copyOf(next, capacity);
        }
        return slotsUsed++;
    }
}
