package io.disruptorx.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import io.disruptorx.core.text.JsonString;

/**
 * The text form of a record: one JSON object per line, its fields in a fixed order, ending with the chain fields.
 *
 * <pre>
 * {"seq":7,"time":"2026-12-04T22:10:00.123456789Z","event":"COMMAND","user":"alice","session":0,
 *  "source":"127.0.0.1:50412","protocol":"soupbintcp-native","command":"NEW_ORDER","account":101,
 *  "instrument":1,"clientOrderId":42,"orderId":0,"detail":"","prev":"&lt;64 hex&gt;","hash":"&lt;64 hex&gt;"}
 * </pre>
 *
 * {@code hash} is the SHA-256 of the UTF-8 bytes of the line up to (not including) {@code ,"hash":}, so it
 * covers every field and the previous record's hash ({@code prev}; 64 zeros before the first record). Changing,
 * removing, adding or moving a record breaks the chain at that record.
 */
public final class AuditLine
{
    /** The {@code prev} of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private static final String HASH_FIELD = ",\"hash\":\"";
    private static final HexFormat HEX = HexFormat.of();

    private AuditLine()
    {
    }

    /**
     * @param record   the record.
     * @param previous the previous record's hash (hex), or {@link #GENESIS}.
     * @return the line, without a line break.
     */
    public static String format(final AuditRecord record, final String previous)
    {
        final StringBuilder line = new StringBuilder(320);
        line.append("{\"seq\":").append(record.sequence())
            .append(",\"time\":\"").append(time(record.timeNanos())).append('"')
            .append(",\"event\":\"").append(record.event().name()).append('"');
        text(line, "user", record.user());
        line.append(",\"session\":").append(record.session());
        text(line, "source", record.source());
        text(line, "protocol", record.protocol());
        text(line, "command", record.command());
        line.append(",\"account\":").append(record.account())
            .append(",\"instrument\":").append(record.instrument())
            .append(",\"clientOrderId\":").append(record.clientOrderId())
            .append(",\"orderId\":").append(record.orderId());
        text(line, "detail", record.detail());
        text(line, "prev", previous);
        final String body = line.toString();
        return body + HASH_FIELD + hash(body) + "\"}";
    }

    /**
     * @param line a line of the log.
     * @return the part its hash covers, or {@code null} when it has no hash field.
     */
    public static String hashedPart(final String line)
    {
        final int at = line.lastIndexOf(HASH_FIELD);
        return at < 0 ? null : line.substring(0, at);
    }

    /**
     * @param text the hashed part of a line.
     * @return its SHA-256 in lower-case hex.
     */
    public static String hash(final String text)
    {
        try
        {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("the JDK lacks SHA-256", ex);
        }
    }

    /**
     * @param line a line of the log.
     * @return its fields (numbers as their text), or {@code null} when it is not a flat JSON object.
     */
    public static Map<String, String> fields(final String line)
    {
        final Map<String, String> fields = new HashMap<>();
        final int end = line.length() - 1;
        if (line.length() < 2 || line.charAt(0) != '{' || line.charAt(end) != '}')
        {
            return null;
        }
        int i = 1;
        while (i < end)
        {
            if (line.charAt(i) != '"')
            {
                return null;
            }
            final StringBuilder key = new StringBuilder();
            i = string(line, i + 1, key);
            if (i < 0 || i >= end || line.charAt(i) != ':')
            {
                return null;
            }
            i++;
            final StringBuilder value = new StringBuilder();
            if (i < end && line.charAt(i) == '"')
            {
                i = string(line, i + 1, value);
                if (i < 0)
                {
                    return null;
                }
            }
            else
            {
                while (i < end && line.charAt(i) != ',')
                {
                    value.append(line.charAt(i++));
                }
            }
            fields.put(key.toString(), value.toString());
            if (i < end && line.charAt(i) != ',')
            {
                return null;
            }
            i++;
        }
        return fields;
    }

    /**
     * @param record fields of a line.
     * @return the record, or {@code null} when a field is missing or malformed.
     */
    public static AuditRecord record(final Map<String, String> record)
    {
        try
        {
            return new AuditRecord(Long.parseLong(record.get("seq")), nanos(Instant.parse(record.get("time"))),
                AuditEvent.valueOf(record.get("event")), record.get("user"), Long.parseLong(record.get("session")),
                record.get("source"), record.get("protocol"), record.get("command"),
                Long.parseLong(record.get("account")), Long.parseLong(record.get("instrument")),
                Long.parseLong(record.get("clientOrderId")), Long.parseLong(record.get("orderId")),
                record.get("detail"));
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
    }

    /**
     * @param instant a point in time.
     * @return nanoseconds since the epoch.
     */
    public static long nanos(final Instant instant)
    {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static String time(final long nanos)
    {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
            .toString();
    }

    private static void text(final StringBuilder line, final String key, final String value)
    {
        line.append(",\"").append(key).append("\":");
        JsonString.append(line, value);
    }

    private static int string(final String line, final int start, final StringBuilder out)
    {
        int i = start;
        while (i < line.length())
        {
            final char c = line.charAt(i);
            if (c == '"')
            {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length())
            {
                final char next = line.charAt(i + 1);
                if (next == 'u' && i + 5 < line.length())
                {
                    out.append((char)Integer.parseInt(line.substring(i + 2, i + 6), 16));
                    i += 6;
                    continue;
                }
                out.append(next);
                i += 2;
                continue;
            }
            out.append(c);
            i++;
        }
        return -1;
    }

    /**
     * @param text a line.
     * @return its length in UTF-8 bytes.
     */
    static long utf8Length(final String text)
    {
        long length = 0;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < 0x80)
            {
                length++;
            }
            else if (c < 0x800)
            {
                length += 2;
            }
            else if (Character.isHighSurrogate(c))
            {
                length += 4;
                i++;
            }
            else
            {
                length += 3;
            }
        }
        return length;
    }
}
