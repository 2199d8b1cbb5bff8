package io.disruptorx.gateway.core;

/**
 * Kinds of {@link Report}, as stored (one byte).
 */
public final class ReportKind
{
    /** The engine accepted a new order. */
    public static final byte ACCEPTED = 1;
    /** The engine or the gateway refused a new order; {@link Report#reason()} says why. */
    public static final byte REJECTED = 2;
    /** A trade for one order, with its fee and liquidity flag. */
    public static final byte FILL = 3;
    /** An order's open quantity was cancelled; {@link Report#reason()} is a cancel reason code. */
    public static final byte CANCELLED = 4;
    /** An order's price or quantity was replaced. */
    public static final byte REPLACED = 5;
    /** A cancel, replace or mass cancel was refused; {@link Report#reason()} says why. */
    public static final byte CANCEL_REJECTED = 6;
    /** A mass cancel of one account has finished. */
    public static final byte MASS_CANCEL_DONE = 7;
    /** The gateway's view of one order, asked for by the session. */
    public static final byte STATUS = 8;
    /** The dead-man switch was armed, refreshed, disarmed ({@code timeoutMillis} 0) or fired ({@code flag}). */
    public static final byte CANCEL_AFTER = 9;

    private ReportKind()
    {
    }
}
