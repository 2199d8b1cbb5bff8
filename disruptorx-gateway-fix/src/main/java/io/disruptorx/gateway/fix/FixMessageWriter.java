package io.disruptorx.gateway.fix;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import uk.co.real_logic.artio.fields.EpochFractionFormat;
import uk.co.real_logic.artio.fields.UtcTimestampEncoder;

/**
 * One FIX 4.4 message at a time, written field by field straight into a reused byte array: the standard header
 * (BeginString, BodyLength, MsgType, MsgSeqNum, SenderCompID, TargetCompID, SendingTime in milliseconds), the body
 * fields in the caller's order, and the trailer. MsgSeqNum comes right after MsgType (FIX fixes only the first three
 * fields of the header; QuickFIX/J writes its messages the same way) and not after the CompIDs as Artio's encoders
 * put it: Artio's engine reads every logged message again up to MsgSeqNum for its replay and sequence-number
 * indexes, field by field, so the two CompIDs before it were parsed twice more per message. The sum of the bytes
 * is kept while they are written, so the CheckSum(10) needs no second pass; the body starts at a fixed offset and
 * BodyLength and BeginString are written in front of it when the body ends. No objects, no strings: nothing
 * allocated per message once the array is large enough (it grows only when a message would not fit, e.g. for a
 * longer CompID).
 * Per message work is kept to the bytes themselves: a tag and its {@code =} (and a one-character field whole) go in
 * as one 8-byte store with their sum known in advance, the session's CompIDs and SendingTime(52) up to its seconds
 * are copied with sums computed once (once per session, once per second), and a number's digits are counted by
 * comparisons, not divisions. The array keeps {@link #SLACK} bytes beyond what a message takes, so an 8-byte store
 * at the last position stays inside it.
 */
final class FixMessageWriter
{
    private static final byte SOH = 1;
    private static final int INITIAL_CAPACITY = 2048;
    /** Room for "8=FIX.4.4|9=" and a BodyLength of up to 19 digits and its separator before the body. */
    private static final int BODY_START = 32;
    private static final int CHECKSUM_LENGTH = 7;
    /** Room past the end of a message for an 8-byte store. */
    private static final int SLACK = 8;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long[] POWERS_OF_TEN = powersOfTen();
    /** "yyyyMMdd-HH:mm:ss." of SendingTime(52): the part before the milliseconds. */
    private static final int SECONDS_LENGTH = 18;
    private static final long MILLIS_PER_SECOND = 1000;
    private static final byte[] BEGIN = "8=FIX.4.4\u00019=".getBytes(StandardCharsets.US_ASCII);
    private static final int BEGIN_SUM = sum(BEGIN);
    private static final Tag MSG_TYPE = new Tag(35);
    private static final Tag MSG_SEQ_NUM = new Tag(34);
    private static final Tag SENDING_TIME = new Tag(52);
    private static final Tag CHECKSUM = new Tag(10);

    private final UtcTimestampEncoder sendingTime = new UtcTimestampEncoder(EpochFractionFormat.MILLISECONDS);
    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private final UnsafeBuffer view = new UnsafeBuffer(bytes);
    private int position;
    private int sum;
    private int start;
    private int end;
    private byte[] compIds;
    private int compIdsSum;
    private long second = Long.MIN_VALUE;
    private final byte[] secondBytes = new byte[SECONDS_LENGTH];
    private int secondSum;

    /**
     * A tag's bytes with its {@code =}, and their sum; the bytes also packed into a little-endian {@code long} to be
     * stored at once.
     */
    static final class Tag
    {
        final byte[] bytes;
        final int sum;
        final long word;
        final int length;

        Tag(final int tag)
        {
            this.bytes = (tag + "=").getBytes(StandardCharsets.US_ASCII);
            this.sum = FixMessageWriter.sum(bytes);
            this.length = bytes.length;
            if (length > Long.BYTES - 2)
            {
                throw new IllegalArgumentException("tag " + tag + " is longer than 5 digits");
            }
            long packed = 0;
            for (int i = length - 1; i >= 0; i--)
            {
                packed = packed << Byte.SIZE | bytes[i];
            }
            this.word = packed;
        }
    }

    /**
     * Begins a message with its header, up to and including SendingTime(52), MsgSeqNum(34) right after MsgType(35).
     *
     * @param msgType     MsgType(35), one character.
     * @param compIds     the session's {@code 49=...|56=...|} (see {@link #compIds}).
     * @param msgSeqNum   MsgSeqNum(34).
     * @param epochMillis SendingTime(52), milliseconds since the epoch.
     * @param bodyRoom    the most bytes the body fields will take, so the array can grow before they are written.
     */
    void begin(final char msgType, final byte[] compIds, final int msgSeqNum, final long epochMillis,
        final int bodyRoom)
    {
        final int needed = BODY_START + compIds.length + 64 + bodyRoom + CHECKSUM_LENGTH + SLACK;
        if (bytes.length < needed)
        {
            bytes = new byte[Math.max(needed, bytes.length * 2)];
        }
        position = BODY_START;
        sum = 0;
        character(MSG_TYPE, msgType);
        number(MSG_SEQ_NUM, msgSeqNum);
        if (compIds != this.compIds)
        {
            this.compIds = compIds;
            compIdsSum = sum(compIds);
        }
        System.arraycopy(compIds, 0, bytes, position, compIds.length);
        position += compIds.length;
        sum += compIdsSum;
        sendingTime(epochMillis);
    }

    /**
     * SendingTime(52) as Artio's session writes it, {@code yyyyMMdd-HH:mm:ss.SSS}: the part up to the seconds made by
     * Artio's encoder once per second and copied, the milliseconds written here.
     */
    private void sendingTime(final long epochMillis)
    {
        final long millis = Math.floorMod(epochMillis, MILLIS_PER_SECOND);
        final long secondStart = epochMillis - millis;
        if (secondStart != second)
        {
            final int timeLength = sendingTime.update(secondStart);
            if (timeLength != SECONDS_LENGTH + 3)
            {
                throw new IllegalStateException("unexpected SendingTime length " + timeLength);
            }
            System.arraycopy(sendingTime.buffer(), 0, secondBytes, 0, SECONDS_LENGTH);
            secondSum = sum(secondBytes);
            second = secondStart;
        }
        tag(SENDING_TIME);
        final byte[] bytes = this.bytes;
        int at = position;
        System.arraycopy(secondBytes, 0, bytes, at, SECONDS_LENGTH);
        at += SECONDS_LENGTH;
        final int hundreds = (int)millis / 100;
        final int tens = (int)millis / 10 % 10;
        final int ones = (int)millis % 10;
        bytes[at++] = (byte)('0' + hundreds);
        bytes[at++] = (byte)('0' + tens);
        bytes[at++] = (byte)('0' + ones);
        bytes[at++] = SOH;
        position = at;
        sum += secondSum + 3 * '0' + hundreds + tens + ones + SOH;
    }

    /**
     * @param tag    the field.
     * @param value  its bytes, from 0.
     * @param length how many.
     */
    void string(final Tag tag, final byte[] value, final int length)
    {
        tag(tag);
        raw(value, length);
        separator();
    }

    /**
     * @param tag   the field.
     * @param value a one-character value.
     */
    void character(final Tag tag, final char value)
    {
        final int length = tag.length;
        LONGS.set(bytes, position, tag.word | (value & 0xFFL) << (length << 3) | (long)SOH << (length + 1 << 3));
        position += length + 2;
        sum += tag.sum + (byte)value + SOH;
    }

    /**
     * @param tag   the field.
     * @param value an integer value, in decimal.
     */
    void number(final Tag tag, final long value)
    {
        decimal(tag, value, 0);
    }

    /**
     * A decimal as Artio's encoders write {@code (value, scale)}: normalised first (trailing zeros of the fraction
     * dropped, a zero is "0"), then the remaining fraction digits after the point, a leading {@code 0.} below 1,
     * zeros appended for a negative scale.
     *
     * @param tag      the field.
     * @param unscaled the unscaled value.
     * @param digits   digits after the decimal point.
     */
    void decimal(final Tag tag, final long unscaled, final int digits)
    {
        long value = unscaled;
        int scale = digits;
        if (value == 0)
        {
            scale = 0;
        }
        else
        {
            while (scale > 0)
            {
                final long tenth = value / 10;
                if (tenth * 10 != value)
                {
                    break;
                }
                value = tenth;
                scale--;
            }
        }
        tag(tag);
        final byte[] bytes = this.bytes;
        int at = position;
        int total = sum;
        // digits of a negative remainder, so that Long.MIN_VALUE needs no special case
        long rest = value;
        if (value < 0)
        {
            bytes[at++] = '-';
            total += '-';
        }
        else
        {
            rest = -value;
        }
        final int fraction = Math.max(scale, 0);
        final int integers = Math.max(digitCount(rest) - fraction, 1);
        final int length = fraction > 0 ? integers + 1 + fraction : integers;
        int index = at + length - 1;
        for (int i = 0; i < fraction; i++)
        {
            final long tenth = rest / 10;
            final byte digit = (byte)('0' + tenth * 10 - rest);
            bytes[index--] = digit;
            total += digit;
            rest = tenth;
        }
        if (fraction > 0)
        {
            bytes[index--] = '.';
            total += '.';
        }
        do
        {
            final long tenth = rest / 10;
            final byte digit = (byte)('0' + tenth * 10 - rest);
            bytes[index--] = digit;
            total += digit;
            rest = tenth;
        }
        while (index >= at);
        at += length;
        if (scale < 0 && value != 0)
        {
            for (int i = scale; i < 0; i++)
            {
                bytes[at++] = '0';
                total += '0';
            }
        }
        bytes[at++] = SOH;
        position = at;
        sum = total + SOH;
    }

    /**
     * Ends the message: BodyLength(9) and BeginString(8) in front of the body, CheckSum(10) after it.
     */
    void end()
    {
        final byte[] bytes = this.bytes;
        final int bodyLength = position - BODY_START;
        int total = sum;
        int at = BODY_START - 1;
        bytes[at] = SOH;
        total += SOH;
        int rest = bodyLength;
        do
        {
            final byte digit = (byte)('0' + rest % 10);
            bytes[--at] = digit;
            total += digit;
            rest /= 10;
        }
        while (rest > 0);
        at -= BEGIN.length;
        System.arraycopy(BEGIN, 0, bytes, at, BEGIN.length);
        total += BEGIN_SUM;
        start = at;
        final int checksum = total & 0xFF;
        int index = position;
        System.arraycopy(CHECKSUM.bytes, 0, bytes, index, CHECKSUM.bytes.length);
        index += CHECKSUM.bytes.length;
        bytes[index++] = (byte)('0' + checksum / 100);
        bytes[index++] = (byte)('0' + checksum / 10 % 10);
        bytes[index++] = (byte)('0' + checksum % 10);
        bytes[index++] = SOH;
        end = index;
    }

    /**
     * @return the array the last message was written to, wrapped (valid until the next {@link #begin}).
     */
    DirectBuffer buffer()
    {
        if (view.byteArray() != bytes)
        {
            view.wrap(bytes);
        }
        return view;
    }

    /**
     * @return where the last message starts in {@link #buffer()}.
     */
    int offset()
    {
        return start;
    }

    /**
     * @return the last message's length, CheckSum(10) included.
     */
    int length()
    {
        return end - start;
    }

    /**
     * @param senderCompId SenderCompID(49), ours.
     * @param targetCompId TargetCompID(56), the counterparty's.
     * @return {@code 49=sender|56=target|}, the header fields a session's messages share.
     */
    static byte[] compIds(final String senderCompId, final String targetCompId)
    {
        return ("49=" + senderCompId + "\u000156=" + targetCompId + "\u0001").getBytes(StandardCharsets.US_ASCII);
    }

    private void tag(final Tag tag)
    {
        LONGS.set(bytes, position, tag.word);
        position += tag.length;
        sum += tag.sum;
    }

    private void raw(final byte[] value, final int length)
    {
        final byte[] bytes = this.bytes;
        final int at = position;
        int total = sum;
        for (int i = 0; i < length; i++)
        {
            final byte b = value[i];
            bytes[at + i] = b;
            total += b;
        }
        position = at + length;
        sum = total;
    }

    private void separator()
    {
        bytes[position++] = SOH;
        sum += SOH;
    }

    /**
     * @param negative zero or a negative number.
     * @return its decimal digits (1 for zero).
     */
    private static int digitCount(final long negative)
    {
        final long[] powers = POWERS_OF_TEN;
        int count = 1;
        while (count < powers.length && negative <= -powers[count])
        {
            count++;
        }
        return count;
    }

    private static long[] powersOfTen()
    {
        final long[] powers = new long[19];
        long power = 1;
        for (int i = 0; i < powers.length; i++)
        {
            powers[i] = power;
            power *= 10;
        }
        return powers;
    }

    private static int sum(final byte[] bytes)
    {
        int total = 0;
        for (final byte b : bytes)
        {
            total += b;
        }
        return total;
    }
}
