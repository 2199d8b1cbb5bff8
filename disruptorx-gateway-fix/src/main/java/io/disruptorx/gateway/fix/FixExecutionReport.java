package io.disruptorx.gateway.fix;

import io.disruptorx.fix44.ExecType;
import io.disruptorx.fix44.OrdRejReason;
import io.disruptorx.fix44.OrdStatus;
import io.disruptorx.gateway.fix.FixMessageWriter.Tag;

/**
 * The 22 ExecutionReport(8) fields the FIX edge sends, set in any order by {@link FixReports} and written by
 * {@link #write} through a {@link FixMessageWriter} in the FIX 4.4 dictionary's order (the order Artio's generated
 * encoder writes them): OrderID(37), ClOrdID(11), OrigClOrdID(41), OrdStatusReqID(790), ExecID(17), ExecType(150),
 * OrdStatus(39), OrdRejReason(103), Account(1), Symbol(55), Side(54), OrderQty(38), OrdType(40), Price(44),
 * TimeInForce(59), LastQty(32), LastPx(31), LeavesQty(151), CumQty(14), AvgPx(6), Text(58), LastLiquidityInd(851).
 * Text values are referenced, not copied: the arrays must hold them until {@link #write}. Decimals are
 * {@code (value, scale)} pairs written with exactly that scale. OrderID, ExecID and Account may be given as numbers
 * instead, written as decimal text straight into the message.
 */
final class FixExecutionReport
{
    static final char MSG_TYPE = '8';
    /** The most bytes the body takes besides its Symbol(55) value and its decimals' scales. */
    static final int BODY_ROOM = 1024;

    private static final Tag ORDER_ID = new Tag(37);
    private static final Tag CL_ORD_ID = new Tag(11);
    private static final Tag ORIG_CL_ORD_ID = new Tag(41);
    private static final Tag ORD_STATUS_REQ_ID = new Tag(790);
    private static final Tag EXEC_ID = new Tag(17);
    private static final Tag EXEC_TYPE = new Tag(150);
    private static final Tag ORD_STATUS = new Tag(39);
    private static final Tag ORD_REJ_REASON = new Tag(103);
    private static final Tag ACCOUNT = new Tag(1);
    private static final Tag SYMBOL = new Tag(55);
    private static final Tag SIDE = new Tag(54);
    private static final Tag ORDER_QTY = new Tag(38);
    private static final Tag ORD_TYPE = new Tag(40);
    private static final Tag PRICE = new Tag(44);
    private static final Tag TIME_IN_FORCE = new Tag(59);
    private static final Tag LAST_QTY = new Tag(32);
    private static final Tag LAST_PX = new Tag(31);
    private static final Tag LEAVES_QTY = new Tag(151);
    private static final Tag CUM_QTY = new Tag(14);
    private static final Tag AVG_PX = new Tag(6);
    private static final Tag TEXT = new Tag(58);
    private static final Tag LAST_LIQUIDITY_IND = new Tag(851);
    private static final char NONE = 0;
    private static final int NO_NUMBER = -1;
    /** A text field's length when it is given as a number. */
    private static final int NUMBER = -1;

    private byte[] orderId;
    private int orderIdLength;
    private long orderIdNumber;
    private byte[] clOrdId;
    private int clOrdIdLength;
    private byte[] origClOrdId;
    private int origClOrdIdLength;
    private byte[] ordStatusReqId;
    private int ordStatusReqIdLength;
    private byte[] execId;
    private int execIdLength;
    private long execIdNumber;
    private char execType;
    private char ordStatus;
    private int ordRejReason;
    private byte[] account;
    private int accountLength;
    private long accountNumber;
    private byte[] symbol;
    private char side;
    private boolean hasOrderQty;
    private long orderQty;
    private int orderQtyScale;
    private char ordType;
    private boolean hasPrice;
    private long price;
    private int priceScale;
    private char timeInForce;
    private boolean hasLast;
    private long lastQty;
    private int lastQtyScale;
    private long lastPx;
    private int lastPxScale;
    private long leavesQty;
    private int leavesQtyScale;
    private long cumQty;
    private int cumQtyScale;
    private long avgPx;
    private int avgPxScale;
    private byte[] text;
    private int textLength;
    private int lastLiquidityInd;

    /**
     * Forgets every field.
     */
    void clear()
    {
        orderIdLength = 0;
        clOrdIdLength = 0;
        origClOrdIdLength = 0;
        ordStatusReqIdLength = 0;
        execIdLength = 0;
        execType = NONE;
        ordStatus = NONE;
        ordRejReason = NO_NUMBER;
        accountLength = 0;
        symbol = null;
        side = NONE;
        hasOrderQty = false;
        ordType = NONE;
        hasPrice = false;
        timeInForce = NONE;
        hasLast = false;
        leavesQty = 0;
        leavesQtyScale = 0;
        cumQty = 0;
        cumQtyScale = 0;
        avgPx = 0;
        avgPxScale = 0;
        textLength = 0;
        lastLiquidityInd = NO_NUMBER;
    }

    FixExecutionReport orderID(final byte[] value, final int length)
    {
        orderId = value;
        orderIdLength = length;
        return this;
    }

    FixExecutionReport orderID(final long value)
    {
        orderIdNumber = value;
        orderIdLength = NUMBER;
        return this;
    }

    FixExecutionReport clOrdID(final byte[] value, final int length)
    {
        clOrdId = value;
        clOrdIdLength = length;
        return this;
    }

    FixExecutionReport origClOrdID(final byte[] value, final int length)
    {
        origClOrdId = value;
        origClOrdIdLength = length;
        return this;
    }

    FixExecutionReport ordStatusReqID(final byte[] value, final int length)
    {
        ordStatusReqId = value;
        ordStatusReqIdLength = length;
        return this;
    }

    FixExecutionReport execID(final byte[] value, final int length)
    {
        execId = value;
        execIdLength = length;
        return this;
    }

    FixExecutionReport execID(final long value)
    {
        execIdNumber = value;
        execIdLength = NUMBER;
        return this;
    }

    FixExecutionReport execType(final ExecType value)
    {
        execType = (char)value.representation();
        return this;
    }

    FixExecutionReport ordStatus(final OrdStatus value)
    {
        ordStatus = (char)value.representation();
        return this;
    }

    FixExecutionReport ordRejReason(final OrdRejReason value)
    {
        ordRejReason = value.representation();
        return this;
    }

    FixExecutionReport account(final byte[] value, final int length)
    {
        account = value;
        accountLength = length;
        return this;
    }

    FixExecutionReport account(final long value)
    {
        accountNumber = value;
        accountLength = NUMBER;
        return this;
    }

    FixExecutionReport symbol(final byte[] value)
    {
        symbol = value;
        return this;
    }

    FixExecutionReport side(final char value)
    {
        side = value;
        return this;
    }

    FixExecutionReport orderQty(final long value, final int scale)
    {
        hasOrderQty = true;
        orderQty = value;
        orderQtyScale = scale;
        return this;
    }

    FixExecutionReport ordType(final char value)
    {
        ordType = value;
        return this;
    }

    FixExecutionReport price(final long value, final int scale)
    {
        hasPrice = true;
        price = value;
        priceScale = scale;
        return this;
    }

    FixExecutionReport timeInForce(final char value)
    {
        timeInForce = value;
        return this;
    }

    /**
     * LastQty(32) and LastPx(31), which a trade report always carries together.
     */
    FixExecutionReport last(final long quantity, final int quantityScale, final long px, final int pxScale)
    {
        hasLast = true;
        lastQty = quantity;
        lastQtyScale = quantityScale;
        lastPx = px;
        lastPxScale = pxScale;
        return this;
    }

    FixExecutionReport leavesQty(final long value, final int scale)
    {
        leavesQty = value;
        leavesQtyScale = scale;
        return this;
    }

    FixExecutionReport cumQty(final long value, final int scale)
    {
        cumQty = value;
        cumQtyScale = scale;
        return this;
    }

    FixExecutionReport avgPx(final long value, final int scale)
    {
        avgPx = value;
        avgPxScale = scale;
        return this;
    }

    FixExecutionReport text(final byte[] value, final int length)
    {
        text = value;
        textLength = length;
        return this;
    }

    FixExecutionReport lastLiquidityInd(final int value)
    {
        lastLiquidityInd = value;
        return this;
    }

    /**
     * @return the most bytes the body can take.
     */
    int bodyRoom()
    {
        final int symbolLength = symbol == null ? 0 : symbol.length;
        final int scales = Math.max(0, orderQtyScale) + Math.max(0, priceScale) + Math.max(0, lastQtyScale) +
            Math.max(0, lastPxScale) + Math.max(0, leavesQtyScale) + Math.max(0, cumQtyScale) +
            Math.max(0, avgPxScale);
        return BODY_ROOM + symbolLength + scales + textLength;
    }

    /**
     * Writes the whole message: header, the fields set, trailer.
     *
     * @param out         the writer.
     * @param compIds     the session's {@link FixMessageWriter#compIds}.
     * @param msgSeqNum   MsgSeqNum(34).
     * @param epochMillis SendingTime(52).
     */
    void write(final FixMessageWriter out, final byte[] compIds, final int msgSeqNum, final long epochMillis)
    {
        out.begin(MSG_TYPE, compIds, msgSeqNum, epochMillis, bodyRoom());
        if (orderIdLength == NUMBER)
        {
            out.number(ORDER_ID, orderIdNumber);
        }
        else if (orderIdLength > 0)
        {
            out.string(ORDER_ID, orderId, orderIdLength);
        }
        if (clOrdIdLength > 0)
        {
            out.string(CL_ORD_ID, clOrdId, clOrdIdLength);
        }
        if (origClOrdIdLength > 0)
        {
            out.string(ORIG_CL_ORD_ID, origClOrdId, origClOrdIdLength);
        }
        if (ordStatusReqIdLength > 0)
        {
            out.string(ORD_STATUS_REQ_ID, ordStatusReqId, ordStatusReqIdLength);
        }
        if (execIdLength == NUMBER)
        {
            out.number(EXEC_ID, execIdNumber);
        }
        else if (execIdLength > 0)
        {
            out.string(EXEC_ID, execId, execIdLength);
        }
        if (execType != NONE)
        {
            out.character(EXEC_TYPE, execType);
        }
        if (ordStatus != NONE)
        {
            out.character(ORD_STATUS, ordStatus);
        }
        if (ordRejReason != NO_NUMBER)
        {
            out.number(ORD_REJ_REASON, ordRejReason);
        }
        if (accountLength == NUMBER)
        {
            out.number(ACCOUNT, accountNumber);
        }
        else if (accountLength > 0)
        {
            out.string(ACCOUNT, account, accountLength);
        }
        if (symbol != null)
        {
            out.string(SYMBOL, symbol, symbol.length);
        }
        if (side != NONE)
        {
            out.character(SIDE, side);
        }
        writeOrder(out);
        if (hasLast)
        {
            out.decimal(LAST_QTY, lastQty, lastQtyScale);
            out.decimal(LAST_PX, lastPx, lastPxScale);
        }
        out.decimal(LEAVES_QTY, leavesQty, leavesQtyScale);
        out.decimal(CUM_QTY, cumQty, cumQtyScale);
        out.decimal(AVG_PX, avgPx, avgPxScale);
        if (textLength > 0)
        {
            out.string(TEXT, text, textLength);
        }
        if (lastLiquidityInd != NO_NUMBER)
        {
            out.number(LAST_LIQUIDITY_IND, lastLiquidityInd);
        }
        out.end();
    }

    private void writeOrder(final FixMessageWriter out)
    {
        if (hasOrderQty)
        {
            out.decimal(ORDER_QTY, orderQty, orderQtyScale);
        }
        if (ordType != NONE)
        {
            out.character(ORD_TYPE, ordType);
        }
        if (hasPrice)
        {
            out.decimal(PRICE, price, priceScale);
        }
        if (timeInForce != NONE)
        {
            out.character(TIME_IN_FORCE, timeInForce);
        }
    }
}
