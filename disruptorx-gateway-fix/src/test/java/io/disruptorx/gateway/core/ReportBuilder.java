package io.disruptorx.gateway.core;

/**
 * A {@link Report} set field by field, for the FIX edge's encoder tests (its fields are only the core's to set).
 */
public final class ReportBuilder
{
    private final Report report = new Report();

    /**
     * @param kind a {@link ReportKind}.
     */
    public ReportBuilder(final byte kind)
    {
        report.kind = kind;
    }

    public ReportBuilder side(final int value)
    {
        report.side = (byte)value;
        return this;
    }

    public ReportBuilder orderType(final int value)
    {
        report.orderType = (byte)value;
        return this;
    }

    public ReportBuilder timeInForce(final int value)
    {
        report.timeInForce = (byte)value;
        return this;
    }

    public ReportBuilder liquidity(final int value)
    {
        report.liquidity = (byte)value;
        return this;
    }

    public ReportBuilder reason(final int value)
    {
        report.reason = (byte)value;
        return this;
    }

    public ReportBuilder flag(final boolean value)
    {
        report.flag = (byte)(value ? 1 : 0);
        return this;
    }

    public ReportBuilder status(final int value)
    {
        report.status = (byte)value;
        return this;
    }

    public ReportBuilder orderId(final long value)
    {
        report.orderId = value;
        return this;
    }

    public ReportBuilder clientOrderId(final long value)
    {
        report.clientOrderId = value;
        return this;
    }

    public ReportBuilder requestId(final long value)
    {
        report.requestId = value;
        return this;
    }

    public ReportBuilder accountId(final long value)
    {
        report.accountId = value;
        return this;
    }

    public ReportBuilder instrumentId(final int value)
    {
        report.instrumentId = value;
        return this;
    }

    public ReportBuilder price(final long value)
    {
        report.price = value;
        return this;
    }

    public ReportBuilder quantity(final long value)
    {
        report.quantity = value;
        return this;
    }

    public ReportBuilder leavesQuantity(final long value)
    {
        report.leavesQuantity = value;
        return this;
    }

    public ReportBuilder cumQuantity(final long value)
    {
        report.cumQuantity = value;
        return this;
    }

    public ReportBuilder lastPrice(final long value)
    {
        report.lastPrice = value;
        return this;
    }

    public ReportBuilder lastQuantity(final long value)
    {
        report.lastQuantity = value;
        return this;
    }

    /**
     * @return the report (the same object on every call).
     */
    public Report build()
    {
        return report;
    }
}
