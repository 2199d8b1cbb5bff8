package io.disruptorx.node.text;

import io.disruptorx.engine.AdminType;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.RejectReason;

/**
 * Counts what the engine refused, by kind of command and by reason, for the summary a run ends with: new orders
 * ({@code onOrderRejected}), cancels and replaces ({@code onCancelRejected}) and administrative commands (an
 * {@code onAdminResult} with a reason).
 */
public final class RejectTally extends EngineListenerAdapter
{
    private final long[] orders = new long[RejectReason.values().length];
    private final long[] cancels = new long[RejectReason.values().length];
    private final long[] admin = new long[RejectReason.values().length];

    @Override
    public void onOrderRejected(
        final long timestamp,
        final long clientOrderId,
        final long accountId,
        final int instrumentId,
        final RejectReason reason)
    {
        orders[reason.ordinal()]++;
    }

    @Override
    public void onCancelRejected(
        final long timestamp, final long orderId, final long requestId, final long accountId, final RejectReason reason)
    {
        cancels[reason.ordinal()]++;
    }

    @Override
    public void onAdminResult(
        final long timestamp, final AdminType type, final long subjectId, final RejectReason result)
    {
        if (result != RejectReason.NONE)
        {
            admin[result.ordinal()]++;
        }
    }

    /**
     * @param reason a reason.
     * @return new orders refused for it.
     */
    public long orders(final RejectReason reason)
    {
        return orders[reason.ordinal()];
    }

    /**
     * @param reason a reason.
     * @return cancels and replaces refused for it.
     */
    public long cancels(final RejectReason reason)
    {
        return cancels[reason.ordinal()];
    }

    /**
     * @param reason a reason.
     * @return administrative commands refused for it.
     */
    public long admin(final RejectReason reason)
    {
        return admin[reason.ordinal()];
    }

    /**
     * @return one line, reasons in code order: {@code rejected 2 new orders (PRICE_OUTSIDE_BAND 1,
     * DUPLICATE_CLIENT_ORDER_ID 1), 1 cancel or replace (UNKNOWN_ORDER 1), 0 admin commands}, or {@code nothing was
     * rejected}.
     */
    public String summary()
    {
        if (total(orders) + total(cancels) + total(admin) == 0)
        {
            return "nothing was rejected";
        }
        final StringBuilder line = new StringBuilder("rejected ");
        append(line, orders, "new order", "new orders").append(", ");
        append(line, cancels, "cancel or replace", "cancels or replaces").append(", ");
        return append(line, admin, "admin command", "admin commands").toString();
    }

    private static StringBuilder append(
        final StringBuilder line, final long[] counts, final String one, final String many)
    {
        final long total = total(counts);
        line.append(total).append(' ').append(total == 1 ? one : many);
        if (total > 0)
        {
            String separator = " (";
            for (final RejectReason reason : RejectReason.values())
            {
                if (counts[reason.ordinal()] > 0)
                {
                    line.append(separator).append(reason.name()).append(' ').append(counts[reason.ordinal()]);
                    separator = ", ";
                }
            }
            line.append(')');
        }
        return line;
    }

    private static long total(final long[] counts)
    {
        long total = 0;
        for (final long count : counts)
        {
            total += count;
        }
        return total;
    }
}
