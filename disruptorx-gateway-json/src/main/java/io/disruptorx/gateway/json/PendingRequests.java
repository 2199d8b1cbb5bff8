package io.disruptorx.gateway.json;

import java.util.ArrayList;
import java.util.List;

/**
 * The requests of one JSON session that wait for the venue's answer, each found from a report in constant time and
 * without allocation: a new order by its client order id and account until it is accepted, then by its order id
 * (for the fills of its entry); a cancel or replace by its request id. Each key is an open-addressing table with
 * linear probing, sized up front and doubled when half full, and set back to its first size when it empties after
 * having grown past {@link #SHRINK_ABOVE} slots; the waiting requests are pooled (at most {@link #POOL_KEPT} of
 * them, each keeping a list of at most {@link #FILLS_KEPT} fills' room) and kept in the order they arrived (which is
 * their deadline order: one timeout, a monotonic clock), so the expired ones are taken from the front, and the
 * accepted ones are also listed on their own, in the same order. So a burst of requests, or an order with many
 * fills, costs memory while it lasts, not for the session's life; a steady load allocates nothing. Gateway thread
 * only.
 *
 * <p>Requests with the same key are found oldest first, as a scan in arrival order would: a linear-probing table
 * puts a later one after an earlier one of the same key, and taking one out (by moving the entries after it back)
 * keeps that order.
 */
final class PendingRequests
{
    /** Most free requests kept for reuse; the rest of a burst's are left to the garbage collector. */
    static final int POOL_KEPT = 1_024;
    /** A pooled request whose answer carried more fills than this gets a new, empty list. */
    static final int FILLS_KEPT = 64;
    /** A table larger than this is set back to its first size when it empties. */
    static final int SHRINK_ABOVE = 4_096;
    private static final int INITIAL_CAPACITY = 64;

    private final Index entering = new Index();
    private final Index filling = new Index();
    private final Index byRequest = new Index();
    private Pending oldest;
    private Pending newest;
    private Pending firstAccepted;
    private Pending lastAccepted;
    private Pending free;
    private long arrivals;
    private int size;
    private int pooled;

    /**
     * A request sent to the venue whose answer has not come back yet: a new order waits for its acceptance or
     * rejection (by client order id), then for the end of its entry (the sequence of its command), a cancel or
     * replace for its result (by request id).
     */
    static final class Pending
    {
        List<TradeView> fills = new ArrayList<>();
        JsonCommand command;
        boolean byRequestId;
        long key;
        long accountId;
        long deadlineNanos;
        OrderView order;
        long commandSequence;
        private long arrival;
        private Pending before;
        private Pending after;
        private Pending beforeAccepted;
        private Pending afterAccepted;
        private boolean accepted;

        /**
         * @return the next accepted request, in arrival order.
         */
        Pending nextAccepted()
        {
            return afterAccepted;
        }
    }

    /**
     * Starts waiting for a request's answer.
     *
     * @param command       the request.
     * @param byRequestId   whether it is a cancel or replace (found by request id), or a new order (by client order
     *                      id and account).
     * @param key           its request id or client order id.
     * @param accountId     its account.
     * @param deadlineNanos when it times out; never earlier than the deadline of one added before.
     * @return the waiting request.
     */
    Pending add(
        final JsonCommand command, final boolean byRequestId, final long key, final long accountId,
        final long deadlineNanos)
    {
        Pending p = free;
        if (p == null)
        {
            p = new Pending();
        }
        else
        {
            free = p.after;
            p.after = null;
            pooled--;
        }
        p.command = command;
        p.byRequestId = byRequestId;
        p.key = key;
        p.accountId = accountId;
        p.deadlineNanos = deadlineNanos;
        p.arrival = ++arrivals;
        p.before = newest;
        if (newest == null)
        {
            oldest = p;
        }
        else
        {
            newest.after = p;
        }
        newest = p;
        size++;
        if (byRequestId)
        {
            byRequest.put(key, 0, p);
        }
        else
        {
            entering.put(key, accountId, p);
        }
        return p;
    }

    /**
     * @return the oldest new order of the client order id and account not accepted yet, or {@code null}.
     */
    Pending entering(final long clientOrderId, final long accountId)
    {
        return entering.get(clientOrderId, accountId);
    }

    /**
     * @return the accepted new order, waiting for the end of its entry, of the order id, or {@code null}.
     */
    Pending filling(final long orderId)
    {
        return filling.get(orderId, 0);
    }

    /**
     * @return the cancel or replace of the request id, or {@code null}.
     */
    Pending byRequest(final long requestId)
    {
        return byRequest.get(requestId, 0);
    }

    /**
     * A new order's acceptance: from now on it is found by its order id and listed with the accepted ones. Without
     * the order ({@code null}: not known to the session's views) it keeps waiting for an acceptance, as before.
     */
    void accepted(final Pending p, final OrderView order, final long commandSequence)
    {
        p.order = order;
        p.commandSequence = commandSequence;
        if (order == null)
        {
            return;
        }
        entering.remove(p.key, p.accountId, p);
        filling.put(order.orderId, 0, p);
        p.accepted = true;
        Pending at = lastAccepted;
        while (at != null && at.arrival > p.arrival)
        {
            at = at.beforeAccepted;
        }
        p.beforeAccepted = at;
        p.afterAccepted = at == null ? firstAccepted : at.afterAccepted;
        if (p.afterAccepted == null)
        {
            lastAccepted = p;
        }
        else
        {
            p.afterAccepted.beforeAccepted = p;
        }
        if (at == null)
        {
            firstAccepted = p;
        }
        else
        {
            at.afterAccepted = p;
        }
    }

    /**
     * @return the accepted new orders, oldest first ({@link Pending#nextAccepted()}), or {@code null}.
     */
    Pending firstAccepted()
    {
        return firstAccepted;
    }

    /**
     * @return the request that arrived first (the earliest deadline), or {@code null}.
     */
    Pending oldest()
    {
        return oldest;
    }

    /**
     * @return requests waiting.
     */
    int size()
    {
        return size;
    }

    /**
     * @return slots of the three tables together (for tests).
     */
    int tableSlots()
    {
        return entering.values.length + filling.values.length + byRequest.values.length;
    }

    /**
     * Stops waiting for a request (answered or timed out); the object is reused, so its fields must be read before.
     */
    void remove(final Pending p)
    {
        if (p.byRequestId)
        {
            byRequest.remove(p.key, 0, p);
        }
        else if (p.accepted)
        {
            filling.remove(p.order.orderId, 0, p);
            if (p.beforeAccepted == null)
            {
                firstAccepted = p.afterAccepted;
            }
            else
            {
                p.beforeAccepted.afterAccepted = p.afterAccepted;
            }
            if (p.afterAccepted == null)
            {
                lastAccepted = p.beforeAccepted;
            }
            else
            {
                p.afterAccepted.beforeAccepted = p.beforeAccepted;
            }
        }
        else
        {
            entering.remove(p.key, p.accountId, p);
        }
        if (p.before == null)
        {
            oldest = p.after;
        }
        else
        {
            p.before.after = p.after;
        }
        if (p.after == null)
        {
            newest = p.before;
        }
        else
        {
            p.after.before = p.before;
        }
        size--;
        p.command = null;
        p.order = null;
        p.commandSequence = 0;
        p.accepted = false;
        p.before = null;
        p.beforeAccepted = null;
        p.afterAccepted = null;
        p.after = null;
        if (pooled == POOL_KEPT)
        {
            return;
        }
        if (p.fills.size() > FILLS_KEPT)
        {
            p.fills = new ArrayList<>();
        }
        else
        {
            p.fills.clear();
        }
        p.after = free;
        free = p;
        pooled++;
    }

    /**
     * Open addressing with linear probing from two longs to a request; several requests may share a key.
     */
    private static final class Index
    {
        private long[] first = new long[INITIAL_CAPACITY];
        private long[] second = new long[INITIAL_CAPACITY];
        private Pending[] values = new Pending[INITIAL_CAPACITY];
        private int mask = INITIAL_CAPACITY - 1;
        private int size;

        Pending get(final long a, final long b)
        {
            for (int i = slot(a, b, mask); ; i = (i + 1) & mask)
            {
                final Pending value = values[i];
                if (value == null || first[i] == a && second[i] == b)
                {
                    return value;
                }
            }
        }

        void put(final long a, final long b, final Pending value)
        {
            if (2 * (size + 1) > values.length)
            {
                grow();
            }
            int i = slot(a, b, mask);
            while (values[i] != null)
            {
                i = (i + 1) & mask;
            }
            first[i] = a;
            second[i] = b;
            values[i] = value;
            size++;
        }

        /**
         * Takes the entry out and moves back each entry after it that may then sit closer to its own slot, so that
         * no empty slot lies between any entry and its slot (and entries of one key keep their order).
         */
        void remove(final long a, final long b, final Pending value)
        {
            int hole = slot(a, b, mask);
            while (values[hole] != value)
            {
                if (values[hole] == null)
                {
                    return;
                }
                hole = (hole + 1) & mask;
            }
            values[hole] = null;
            size--;
            if (size == 0 && values.length > SHRINK_ABOVE)
            {
                first = new long[INITIAL_CAPACITY];
                second = new long[INITIAL_CAPACITY];
                values = new Pending[INITIAL_CAPACITY];
                mask = INITIAL_CAPACITY - 1;
                return;
            }
            for (int i = (hole + 1) & mask; values[i] != null; i = (i + 1) & mask)
            {
                final int home = slot(first[i], second[i], mask);
                if (((i - home) & mask) >= ((i - hole) & mask))
                {
                    first[hole] = first[i];
                    second[hole] = second[i];
                    values[hole] = values[i];
                    values[i] = null;
                    hole = i;
                }
            }
        }

        /**
         * Doubles the table, moving the entries in probe order from an empty slot on, so entries of one key keep
         * their order.
         */
        private void grow()
        {
            final long[] oldFirst = first;
            final long[] oldSecond = second;
            final Pending[] oldValues = values;
            final int capacity = 2 * oldValues.length;
            first = new long[capacity];
            second = new long[capacity];
            values = new Pending[capacity];
            mask = capacity - 1;
            size = 0;
            final int oldMask = oldValues.length - 1;
            int start = 0;
            while (oldValues[start] != null)
            {
                start++;
            }
            for (int n = 0, i = start; n < oldValues.length; n++, i = (i + 1) & oldMask)
            {
                if (oldValues[i] != null)
                {
                    put(oldFirst[i], oldSecond[i], oldValues[i]);
                }
            }
        }

        private static int slot(final long a, final long b, final int mask)
        {
            final long h = a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL;
            return (int)(h ^ h >>> 32) & mask;
        }
    }
}
