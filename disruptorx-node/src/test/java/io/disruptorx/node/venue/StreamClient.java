package io.disruptorx.node.venue;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import io.disruptorx.core.net.TextMessages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A public streams client as Binance documents one, over the JDK's WebSocket: it keeps a book from a REST depth
 * snapshot and the depth updates that follow it (dropping {@code u <= lastUpdateId}, checking that the first one
 * spans {@code lastUpdateId + 1} and each next one's {@code pu} is the previous {@code u}), verifies each update's
 * checksum against its own book (docs/gateways.md: the top 10 levels, bid then ask, {@code price:quantity}, joined
 * with {@code :}, CRC32), and records trades and the last book ticker. Text parsing is by pattern: these are the
 * edge's own documented shapes.
 */
final class StreamClient
{
    private static final Pattern DEPTH = Pattern.compile("\"U\":(\\d+),\"u\":(\\d+),\"pu\":(\\d+),\"b\":\\[(.*?)]," +
        "\"a\":\\[(.*?)],\"checksum\":(\\d+)");
    private static final Pattern LEVEL = Pattern.compile("\\[\"([0-9.]+)\",\"([0-9.]+)\"]");
    private static final Pattern SNAPSHOT = Pattern.compile("\\{\"lastUpdateId\":(\\d+),\"bids\":\\[(.*?)]," +
        "\"asks\":\\[(.*?)]}");
    private static final Pattern TRADE = Pattern.compile("\"t\":(\\d+),\"p\":\"([0-9.]+)\",\"q\":\"([0-9.]+)\"");
    private static final Pattern TICKER = Pattern.compile("\"b\":\"([0-9.]+)\",\"B\":\"([0-9.]+)\",\"a\":" +
        "\"([0-9.]+)\",\"A\":\"([0-9.]+)\"");

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final NavigableMap<BigDecimal, String[]> bids = new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<BigDecimal, String[]> asks = new TreeMap<>();
    private final List<String> trades = new ArrayList<>();
    private String[] ticker;
    private long lastUpdateId = -1;
    private long previousU = -1;
    private int applied;
    private int verified;

    WebSocket connect(final String uri)
    {
        try
        {
            return TextMessages.connect(URI.create(uri), messages);
        }
        catch (final InterruptedException | ExecutionException | TimeoutException ex)
        {
            throw new AssertionError("cannot open " + uri, ex);
        }
    }

    String next() throws InterruptedException
    {
        final String message = messages.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("a message within 10 s").isNotNull();
        return message;
    }

    void load(final String snapshot)
    {
        final Matcher m = SNAPSHOT.matcher(snapshot);
        assertThat(m.matches()).as(snapshot).isTrue();
        lastUpdateId = Long.parseLong(m.group(1));
        put(bids, m.group(2));
        put(asks, m.group(3));
    }

    /**
     * Applies every message received so far.
     *
     * @return the last depth update's {@code u} applied, or the snapshot's {@code lastUpdateId}.
     */
    synchronized long drain()
    {
        String message;
        while ((message = messages.poll()) != null)
        {
            if (message.startsWith("{\"stream\":\"btc-usd@depth\""))
            {
                depth(message);
            }
            else if (message.startsWith("{\"stream\":\"btc-usd@trade\""))
            {
                final Matcher m = TRADE.matcher(message);
                assertThat(m.find()).as(message).isTrue();
                trades.add(m.group(1) + "@" + m.group(2) + "x" + m.group(3));
            }
            else if (message.startsWith("{\"stream\":\"btc-usd@bookTicker\""))
            {
                final Matcher m = TICKER.matcher(message);
                assertThat(m.find()).as(message).isTrue();
                ticker = new String[] {m.group(1), m.group(2), m.group(3), m.group(4)};
            }
            else
            {
                throw new AssertionError("unexpected message " + message);
            }
        }
        return previousU < 0 ? lastUpdateId : previousU;
    }

    synchronized boolean tickerMatchesBook()
    {
        return ticker != null && ticker[0].equals(best(bids, 0, "0.00")) && ticker[1].equals(best(bids, 1, "0")) &&
            ticker[2].equals(best(asks, 0, "0.00")) && ticker[3].equals(best(asks, 1, "0"));
    }

    synchronized List<String> tradesSeen()
    {
        return new ArrayList<>(trades);
    }

    synchronized int depthUpdatesApplied()
    {
        return applied;
    }

    synchronized int checksumsVerified()
    {
        return verified;
    }

    synchronized void assertBookEquals(final Map<String, TreeMap<BigDecimal, String>> engine)
    {
        assertThat(quantities(bids)).as("bids").isEqualTo(engine.get("bids"));
        assertThat(quantities(asks)).as("asks").isEqualTo(engine.get("asks"));
    }

    private void depth(final String message)
    {
        final Matcher m = DEPTH.matcher(message);
        assertThat(m.find()).as(message).isTrue();
        final long first = Long.parseLong(m.group(1));
        final long last = Long.parseLong(m.group(2));
        final long previous = Long.parseLong(m.group(3));
        assertThat(lastUpdateId).as("a snapshot before depth updates are applied").isGreaterThanOrEqualTo(0);
        assertThat(first).as("U is pu + 1: %s", message).isEqualTo(previous + 1);
        if (last <= lastUpdateId)
        {
            return;
        }
        if (previousU < 0)
        {
            assertThat(first).as("the first update spans lastUpdateId + 1: %s", message)
                .isLessThanOrEqualTo(lastUpdateId + 1);
        }
        else
        {
            assertThat(previous).as("pu is the previous update's u: %s", message).isEqualTo(previousU);
        }
        previousU = last;
        apply(bids, m.group(4));
        apply(asks, m.group(5));
        applied++;
        assertThat(checksum()).as("checksum after %s", message).isEqualTo(Long.parseLong(m.group(6)));
        verified++;
    }

    private long checksum()
    {
        final StringBuilder text = new StringBuilder();
        final List<String[]> b = new ArrayList<>(bids.values());
        final List<String[]> a = new ArrayList<>(asks.values());
        for (int i = 0; i < 10; i++)
        {
            if (i < b.size())
            {
                text.append(text.length() == 0 ? "" : ":").append(b.get(i)[0]).append(':').append(b.get(i)[1]);
            }
            if (i < a.size())
            {
                text.append(text.length() == 0 ? "" : ":").append(a.get(i)[0]).append(':').append(a.get(i)[1]);
            }
        }
        final CRC32 crc = new CRC32();
        crc.update(text.toString().getBytes(StandardCharsets.US_ASCII));
        return crc.getValue();
    }

    private static void put(final NavigableMap<BigDecimal, String[]> side, final String levels)
    {
        final Matcher m = LEVEL.matcher(levels);
        while (m.find())
        {
            side.put(new BigDecimal(m.group(1)), new String[] {m.group(1), m.group(2)});
        }
    }

    private static void apply(final NavigableMap<BigDecimal, String[]> side, final String levels)
    {
        final Matcher m = LEVEL.matcher(levels);
        while (m.find())
        {
            if (new BigDecimal(m.group(2)).signum() == 0)
            {
                side.remove(new BigDecimal(m.group(1)));
            }
            else
            {
                side.put(new BigDecimal(m.group(1)), new String[] {m.group(1), m.group(2)});
            }
        }
    }

    private static String best(final NavigableMap<BigDecimal, String[]> side, final int field, final String none)
    {
        return side.isEmpty() ? none : side.firstEntry().getValue()[field];
    }

    private static TreeMap<BigDecimal, String> quantities(final NavigableMap<BigDecimal, String[]> side)
    {
        final TreeMap<BigDecimal, String> out = new TreeMap<>();
        side.forEach((price, level) -> out.put(price, level[1]));
        return out;
    }
}
