package io.disruptorx.gateway.fix;

import java.nio.charset.StandardCharsets;

/**
 * The NewOrderSingles the FIX benchmarks decode: the layout {@code dx bench gateway}'s FIX load sends (QuickFIX/J's:
 * header 34, 49, 52, 56; body 1, 11, 38, 40, 44, 54, 55, 59, 60), whole messages with BodyLength and CheckSum,
 * alternating buy (account 3, GTC) and sell (account 4, IOC) limit orders of 1 at 99 in {@code BENCH}, each with its
 * own ClOrdID and MsgSeqNum.
 */
final class BenchOrders
{
    private static final char SOH = '\u0001';

    private BenchOrders()
    {
    }

    /**
     * @param count how many.
     * @return the messages' bytes.
     */
    static byte[][] newOrderSingles(final int count)
    {
        final byte[][] messages = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            final boolean buy = (i & 1) == 0;
            final String body = "35=D" + SOH + "34=" + (1_000 + i) + SOH + "49=FIXBENCH" + SOH +
                "52=20261206-09:00:00.123" + SOH + "56=DXEX" + SOH + "1=" + (buy ? 3 : 4) + SOH + "11=" +
                (123_456 + i) + SOH + "38=1" + SOH + "40=2" + SOH + "44=99" + SOH + "54=" + (buy ? 1 : 2) + SOH +
                "55=BENCH" + SOH + "59=" + (buy ? 1 : 3) + SOH + "60=20261206-09:00:00.123" + SOH;
            final String head = "8=FIX.4.4" + SOH + "9=" + body.length() + SOH + body;
            int sum = 0;
            for (int c = 0; c < head.length(); c++)
            {
                sum += head.charAt(c);
            }
            messages[i] = (head + "10=" + String.format("%03d", sum & 0xFF) + SOH).getBytes(StandardCharsets.US_ASCII);
        }
        return messages;
    }
}
