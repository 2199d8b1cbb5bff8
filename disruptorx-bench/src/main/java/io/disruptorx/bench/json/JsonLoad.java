package io.disruptorx.bench.json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.disruptorx.bench.fix.QfjLoad;
import io.disruptorx.bench.node.LatencySummary;
import io.disruptorx.bench.node.LoadDriver;
import io.disruptorx.bench.node.OrderLoad;
import org.HdrHistogram.Histogram;

/**
 * One JDK WebSocket client on one thread driving the JSON edge's WebSocket API ({@code /ws-api/v3}): each order an
 * {@code order.place} signed with HMAC-SHA256 (a fresh timestamp and signature each, as the edge refuses replays).
 * Order {@code i} is a resting buy of 1 at 99.00 on the first account when {@code i} is even and an IOC sell at
 * 99.00 on the second when odd, which trades with it, so the book stays small. Its acknowledgement is the answer
 * with its request id (status 200 once the venue accepted it, or an error, counted as refused).
 *
 * <p>Measured as the other legs: paced runs record answer time minus intended send time (coordinated omission
 * corrected: a stall delays the sends behind it and that delay counts); saturated runs keep a window of
 * unanswered orders full and count answers per second.
 */
public final class JsonLoad implements OrderLoad, WebSocket.Listener, AutoCloseable
{
    private static final int RING = 1 << 20;
    private static final int MASK = RING - 1;
    private static final long PARK_NANOS = 10_000;
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String apiKey;
    private final Mac mac;
    private final String[] accounts;
    private final String symbol;
    private final WebSocket socket;
    private final AtomicLongArray intended = new AtomicLongArray(RING);
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final StringBuilder partial = new StringBuilder();
    private final StringBuilder params = new StringBuilder(256);
    private final StringBuilder request = new StringBuilder(512);
    private final byte[] digest = new byte[32];
    private byte[] signed = new byte[256];
    private volatile Histogram histogram;
    private volatile long measureFromId;
    private volatile long lastAnswerNanos;
    private volatile String firstRefusal;
    private final LoadDriver driver = new LoadDriver(this, "JSON edge", RING / 2);

    /**
     * @param uri      the WebSocket API's address, {@code ws://host:port/ws-api/v3}.
     * @param apiKey   an HMAC-SHA256 API key.
     * @param secret   its secret.
     * @param symbol   the instrument.
     * @param accounts two accounts of the key's user: buys rest on the first, sells take on the second.
     */
    public JsonLoad(final String uri, final String apiKey, final String secret, final String symbol,
        final String[] accounts)
    {
        this.apiKey = apiKey;
        this.symbol = symbol;
        this.accounts = accounts.clone();
        try
        {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ex);
        }
        histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
            .buildAsync(URI.create(uri), this).join();
    }

    /**
     * @param rate           offered orders per second.
     * @param warmupSeconds  sent first, not measured.
     * @param measureSeconds then measured.
     * @return the run.
     */
    public QfjLoad.Run paced(final long rate, final double warmupSeconds, final double measureSeconds)
    {
        final double completed = driver.paced(rate, warmupSeconds, measureSeconds);
        return new QfjLoad.Run(rate, LatencySummary.of(histogram), completed, refused.get());
    }

    /**
     * @param window         unanswered orders kept in flight.
     * @param warmupSeconds  not measured.
     * @param measureSeconds measured.
     * @return the run.
     */
    public QfjLoad.Run saturated(final int window, final double warmupSeconds, final double measureSeconds)
    {
        final double completed = driver.saturated(window, warmupSeconds, measureSeconds);
        return new QfjLoad.Run(0, LatencySummary.of(histogram), completed, refused.get());
    }

    /**
     * @return the first answer that was not a success, or {@code null}.
     */
    public String firstRefusal()
    {
        return firstRefusal;
    }

    @Override
    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
    {
        partial.append(data);
        if (last)
        {
            onAnswer(partial);
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void close()
    {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    private void onAnswer(final CharSequence answer)
    {
        final int idStart = "{\"id\":".length();
        long id = 0;
        int i = idStart;
        while (i < answer.length() && Character.isDigit(answer.charAt(i)))
        {
            id = id * 10 + (answer.charAt(i) - '0');
            i++;
        }
        if (i == idStart)
        {
            return;
        }
        final long now = System.nanoTime();
        if (startsWith(answer, i, ",\"status\":200"))
        {
            accepted.incrementAndGet();
        }
        else
        {
            if (firstRefusal == null)
            {
                firstRefusal = answer.toString();
            }
            refused.incrementAndGet();
        }
        lastAnswerNanos = now;
        if (id >= measureFromId)
        {
            final Histogram h = histogram;
            h.recordValue(Math.min(h.getHighestTrackableValue(), Math.max(0, now - intended.get((int)(id & MASK)))));
        }
    }

    private static boolean startsWith(final CharSequence text, final int at, final String prefix)
    {
        if (text.length() < at + prefix.length())
        {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++)
        {
            if (text.charAt(at + i) != prefix.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public long answered()
    {
        return accepted.get() + refused.get();
    }

    @Override
    public long lastAnswerNanos()
    {
        return lastAnswerNanos;
    }

    @Override
    public void start(final long firstId, final long measureFromId)
    {
        histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        accepted.set(0);
        refused.set(0);
        this.measureFromId = measureFromId;
    }

    @Override
    public void measureFrom(final long id)
    {
        measureFromId = id;
    }

    @Override
    public void send(final long index, final long id, final long intendedNanos)
    {
        intended.set((int)(id & MASK), intendedNanos);
        final boolean buy = (index & 1) == 0;
        params.setLength(0);
        request.setLength(0);
        request.append("{\"id\":").append(id).append(",\"method\":\"order.place\",\"params\":{");
        param("account", accounts[buy ? 0 : 1], false);
        param("apiKey", apiKey, true);
        param("newClientOrderId", "j", id, true);
        param("price", "99.00", true);
        param("quantity", "1", true);
        param("side", buy ? "BUY" : "SELL", true);
        param("symbol", symbol, true);
        param("timeInForce", buy ? "GTC" : "IOC", true);
        param("timestamp", "", System.currentTimeMillis(), false);
        param("type", "LIMIT", true);
        sign();
        socket.sendText(request, true).join();
    }

    /**
     * Appends a parameter to the signed text ({@code &name=value}, the first without {@code &}; they come sorted by
     * name) and to the request's params ({@code "name":value,} or with the value quoted).
     */
    private void param(final String name, final String value, final boolean quoted)
    {
        open(name, quoted);
        params.append(value);
        request.append(value);
        close(quoted);
    }

    /**
     * {@link #param(String, String, boolean)} with a value that is a text and a number after it.
     */
    private void param(final String name, final String prefix, final long number, final boolean quoted)
    {
        open(name, quoted);
        params.append(prefix).append(number);
        request.append(prefix).append(number);
        close(quoted);
    }

    private void open(final String name, final boolean quoted)
    {
        if (params.length() > 0)
        {
            params.append('&');
            request.append(',');
        }
        params.append(name).append('=');
        request.append('"').append(name).append("\":");
        if (quoted)
        {
            request.append('"');
        }
    }

    private void close(final boolean quoted)
    {
        if (quoted)
        {
            request.append('"');
        }
    }

    /**
     * Ends the request with the HMAC-SHA256 of the signed text (ASCII) in hex: no String, no array per order.
     */
    private void sign()
    {
        final int length = params.length();
        if (signed.length < length)
        {
            signed = new byte[length * 2];
        }
        for (int i = 0; i < length; i++)
        {
            signed[i] = (byte)params.charAt(i);
        }
        mac.update(signed, 0, length);
        try
        {
            mac.doFinal(digest, 0);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ex);
        }
        request.append(",\"signature\":\"");
        for (final byte b : digest)
        {
            request.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        request.append("\"}}");
    }

    @Override
    public void drain(final long total)
    {
        final long deadline = System.nanoTime() + DRAIN_NANOS;
        while (answered() < total)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("only " + answered() + " of " + total + " orders were answered");
            }
            LockSupport.parkNanos(PARK_NANOS);
        }
    }
}
