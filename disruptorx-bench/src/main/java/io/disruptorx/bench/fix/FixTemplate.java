package io.disruptorx.bench.fix;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import quickfix.Message;

/**
 * A FIX message QuickFIX/J encoded once, written again with a new MsgSeqNum(34), SendingTime(52), ClOrdID(11)
 * and TransactTime(60), and BodyLength(9) and CheckSum(10) recomputed: every other field is QuickFIX/J's bytes in
 * QuickFIX/J's order. Timestamps are UTC with milliseconds, as QuickFIX/J writes them by default. Not thread safe;
 * allocates only when the second changes.
 */
final class FixTemplate
{
    private static final byte SOH = 1;
    private static final int SEQUENCE = 34;
    private static final int SENDING_TIME = 52;
    private static final int CLIENT_ORDER_ID = 11;
    private static final int TRANSACT_TIME = 60;
    private static final DateTimeFormatter SECONDS =
        DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.").withZone(ZoneOffset.UTC);

    private final byte[] beginString;
    private final byte[][] fixed;
    private final int[] stamped;
    private final UnsafeBuffer body = new UnsafeBuffer(new byte[64 * 1024]);
    private final byte[] timestamp = new byte[21];
    private long timestampSecond = Long.MIN_VALUE;

    /**
     * @param message a complete message, header set; the fields to stamp may hold any placeholder value.
     */
    FixTemplate(final Message message)
    {
        final String text = message.toString();
        final List<byte[]> runs = new ArrayList<>();
        final List<Integer> tags = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        String begin = null;
        for (final String field : text.split("\u0001"))
        {
            final int equals = field.indexOf('=');
            final int tag = Integer.parseInt(field.substring(0, equals));
            if (tag == 8)
            {
                begin = field + '\u0001';
            }
            else if (tag == SEQUENCE || tag == SENDING_TIME || tag == CLIENT_ORDER_ID || tag == TRANSACT_TIME)
            {
                run.append(tag).append('=');
                runs.add(run.toString().getBytes(StandardCharsets.US_ASCII));
                tags.add(tag);
                run = new StringBuilder("\u0001");
            }
            else if (tag != 9 && tag != 10)
            {
                run.append(field).append('\u0001');
            }
        }
        if (begin == null)
        {
            throw new IllegalArgumentException("no BeginString in " + text);
        }
        runs.add(run.toString().getBytes(StandardCharsets.US_ASCII));
        beginString = begin.getBytes(StandardCharsets.US_ASCII);
        fixed = runs.toArray(new byte[0][]);
        stamped = tags.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param destination     where the message goes.
     * @param offset          its first byte.
     * @param sequence        MsgSeqNum(34).
     * @param clientOrderId   ClOrdID(11), as a decimal number.
     * @param epochMillis     SendingTime(52) and TransactTime(60).
     * @return the message's length.
     */
    int encode(
        final MutableDirectBuffer destination, final int offset, final long sequence, final long clientOrderId,
        final long epochMillis)
    {
        stampTime(epochMillis);
        int length = 0;
        for (int i = 0; i < stamped.length; i++)
        {
            body.putBytes(length, fixed[i]);
            length += fixed[i].length;
            switch (stamped[i])
            {
                case SEQUENCE -> length += body.putNaturalLongAscii(length, sequence);
                case CLIENT_ORDER_ID -> length += body.putNaturalLongAscii(length, clientOrderId);
                default ->
                {
                    body.putBytes(length, timestamp);
                    length += timestamp.length;
                }
            }
        }
        body.putBytes(length, fixed[stamped.length]);
        length += fixed[stamped.length].length;

        int at = offset;
        destination.putBytes(at, beginString);
        at += beginString.length;
        destination.putByte(at++, (byte)'9');
        destination.putByte(at++, (byte)'=');
        at += destination.putNaturalIntAscii(at, length);
        destination.putByte(at++, SOH);
        destination.putBytes(at, body, 0, length);
        at += length;
        int sum = 0;
        for (int i = offset; i < at; i++)
        {
            sum += destination.getByte(i);
        }
        sum &= 0xFF;
        destination.putByte(at++, (byte)'1');
        destination.putByte(at++, (byte)'0');
        destination.putByte(at++, (byte)'=');
        destination.putByte(at++, (byte)('0' + sum / 100));
        destination.putByte(at++, (byte)('0' + sum / 10 % 10));
        destination.putByte(at++, (byte)('0' + sum % 10));
        destination.putByte(at++, SOH);
        return at - offset;
    }

    private void stampTime(final long epochMillis)
    {
        final long second = Math.floorDiv(epochMillis, 1_000);
        if (second != timestampSecond)
        {
            timestampSecond = second;
            final byte[] prefix = SECONDS.format(Instant.ofEpochSecond(second)).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(prefix, 0, timestamp, 0, prefix.length);
        }
        final int millis = (int)Math.floorMod(epochMillis, 1_000);
        timestamp[18] = (byte)('0' + millis / 100);
        timestamp[19] = (byte)('0' + millis / 10 % 10);
        timestamp[20] = (byte)('0' + millis % 10);
    }
}
