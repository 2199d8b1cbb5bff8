package io.disruptorx.gateway.support;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.gateway.core.Report;
import io.disruptorx.gateway.core.ReportKind;
import io.disruptorx.gateway.core.ReportStore;
import io.disruptorx.protocol.sbe.orderentry.CancelReason;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;

/**
 * Reports as one line of text each, with the fields that matter for their kind, so tests assert exact lists.
 */
public final class ReportText
{
    private static final String[] SIDES = {"BUY", "SELL"};
    private static final String[] TYPES = {"LIMIT", "MARKET"};
    private static final String[] TIFS = {"GTC", "DAY", "IOC", "FOK"};

    private ReportText()
    {
    }

    /**
     * @param store a session's store.
     * @param from  first sequence.
     * @return every report from that sequence to the last, as text.
     */
    public static List<String> of(final ReportStore store, final long from)
    {
        final List<String> lines = new ArrayList<>();
        final Report report = new Report();
        for (long sequence = from; sequence <= store.last(); sequence++)
        {
            lines.add(of(store.read(sequence, report)));
        }
        return lines;
    }

    /**
     * @param r a report.
     * @return its text.
     */
    public static String of(final Report r)
    {
        switch (r.kind())
        {
            case ReportKind.ACCEPTED:
                return "ACCEPTED order=" + r.orderId() + " clOrd=" + r.clientOrderId() + " acct=" + r.accountId() +
                    " instr=" + r.instrumentId() + " " + SIDES[r.side()] + " " + TYPES[r.orderType()] + " " +
                    TIFS[r.timeInForce()] + " px=" + r.price() + " qty=" + r.quantity();
            case ReportKind.REJECTED:
                return "REJECTED clOrd=" + r.clientOrderId() + " acct=" + r.accountId() + " instr=" +
                    r.instrumentId() + " " + reason(r.reason());
            case ReportKind.FILL:
                return "FILL order=" + r.orderId() + " clOrd=" + r.clientOrderId() + " acct=" + r.accountId() +
                    " trade=" + r.tradeId() + " " + SIDES[r.side()] + " " + (r.liquidity() == 0 ? "ADDED" :
                    "REMOVED") + " px=" + r.lastPrice() + " qty=" + r.lastQuantity() + " leaves=" +
                    r.leavesQuantity() + " cum=" + r.cumQuantity() + " fee=" + r.fee();
            case ReportKind.CANCELLED:
                return "CANCELLED order=" + r.orderId() + " clOrd=" + r.clientOrderId() + " req=" + r.requestId() +
                    " acct=" + r.accountId() + " qty=" + r.quantity() + " " + CancelReason.get((short)r.reason());
            case ReportKind.REPLACED:
                return "REPLACED order=" + r.orderId() + " clOrd=" + r.clientOrderId() + " req=" + r.requestId() +
                    " acct=" + r.accountId() + " px=" + r.price() + " leaves=" + r.leavesQuantity() +
                    (r.flag() ? " kept" : " lost");
            case ReportKind.CANCEL_REJECTED:
                return "CANCEL_REJECTED order=" + r.orderId() + " clOrd=" + r.clientOrderId() + " req=" +
                    r.requestId() + " acct=" + r.accountId() + " " + reason(r.reason());
            case ReportKind.MASS_CANCEL_DONE:
                return "MASS_CANCEL_DONE req=" + r.requestId() + " acct=" + r.accountId() + " " + reason(r.reason());
            case ReportKind.STATUS:
                return "STATUS req=" + r.requestId() + " order=" + r.orderId() + " clOrd=" + r.clientOrderId() +
                    " acct=" + r.accountId() + (r.status() == 0 ? " LIVE px=" + r.price() + " leaves=" +
                    r.leavesQuantity() + " cum=" + r.cumQuantity() : " UNKNOWN");
            case ReportKind.CANCEL_AFTER:
                return "CANCEL_AFTER req=" + r.requestId() + " timeout=" + r.timeoutMillis() +
                    (r.flag() ? " TRIGGERED" : "");
            default:
                return "UNKNOWN KIND " + r.kind();
        }
    }

    private static String reason(final int code)
    {
        return EntryRejectReason.get((short)code).name();
    }
}
