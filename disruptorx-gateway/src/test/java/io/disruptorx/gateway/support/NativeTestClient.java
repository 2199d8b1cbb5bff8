package io.disruptorx.gateway.support;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.disruptorx.gateway.client.NativeClient;
import io.disruptorx.gateway.client.NativeReports;
import io.disruptorx.gateway.client.SoupBinTcpClientListener;
import org.agrona.DirectBuffer;

/**
 * Our own native client, as a test drives it: logs in, sends requests, and records every report as text with its
 * sequence number; each wait has a deadline.
 */
public final class NativeTestClient implements SoupBinTcpClientListener, AutoCloseable
{
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final NativeClient client;
    private final NativeReports reports = new NativeReports();
    private final List<String> received = new ArrayList<>();
    private final List<Long> sequences = new ArrayList<>();
    private String session;
    private long loginSequence = -1;
    private byte loginRejected;
    private boolean endOfSession;

    private NativeTestClient(final NativeClient client)
    {
        this.client = client;
    }

    /**
     * Connects and logs in, waiting for the answer.
     *
     * @param address  native listener.
     * @param user     user.
     * @param password password.
     * @param sequence next sequence wanted (0: only new reports).
     * @return the client, logged in or refused (see {@link #loginRejected()}).
     */
    public static NativeTestClient login(
        final InetSocketAddress address, final String user, final String password, final long sequence)
    {
        return login(address, user, password, "", sequence);
    }

    /**
     * As {@link #login(InetSocketAddress, String, String, long)} with a session name.
     */
    public static NativeTestClient login(
        final InetSocketAddress address, final String user, final String password, final String sessionName,
        final long sequence)
    {
        final NativeTestClient test = new NativeTestClient(NativeClient.connect(address));
        test.client.transport().login(user, password, sessionName, sequence);
        test.await(() -> test.loginSequence >= 0 || test.loginRejected != 0 || test.client.transport().ended(),
            "login answer");
        return test;
    }

    /**
     * @return the native client, to send requests.
     */
    public NativeClient client()
    {
        return client;
    }

    /**
     * Waits until at least {@code count} reports have arrived in all.
     *
     * @param count reports.
     * @return every report so far.
     */
    public List<String> awaitReports(final int count)
    {
        await(() -> received.size() >= count,
            () -> count + " reports (have " + received.size() + ": " + received + ")");
        return List.copyOf(received);
    }

    /**
     * Polls for a while and returns everything received, for asserting that nothing more came.
     *
     * @param millis how long.
     * @return every report so far.
     */
    public List<String> settle(final long millis)
    {
        final long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end)
        {
            if (client.poll(this) == 0)
            {
                Thread.yield();
            }
        }
        return List.copyOf(received);
    }

    /**
     * Waits for a condition, polling the connection.
     *
     * @param condition what to wait for.
     * @param what      for the failure message.
     */
    public void await(final BooleanSupplier condition, final String what)
    {
        await(condition, () -> what);
    }

    private void await(final BooleanSupplier condition, final Supplier<String> what)
    {
        final long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what.get());
            }
            if (client.poll(this) == 0)
            {
                Thread.yield();
            }
        }
    }

    /**
     * @return sequence numbers of the reports received, in order.
     */
    public List<Long> sequences()
    {
        return List.copyOf(sequences);
    }

    /**
     * @return the session name of the accepted login, or {@code null}.
     */
    public String session()
    {
        return session;
    }

    /**
     * @return the next sequence the login was accepted at, or -1.
     */
    public long loginSequence()
    {
        return loginSequence;
    }

    /**
     * @return the login reject code, or 0.
     */
    public byte loginRejected()
    {
        return loginRejected;
    }

    /**
     * @return whether End of Session arrived.
     */
    public boolean endOfSession()
    {
        return endOfSession;
    }

    /**
     * @return whether the connection has ended.
     */
    public boolean ended()
    {
        return client.transport().ended();
    }

    @Override
    public void onLoginAccepted(final String session, final long sequenceNumber)
    {
        this.session = session;
        this.loginSequence = sequenceNumber;
    }

    @Override
    public void onLoginRejected(final byte reason)
    {
        loginRejected = reason;
    }

    @Override
    public void onMessage(final long sequenceNumber, final DirectBuffer buffer, final int offset, final int length)
    {
        sequences.add(sequenceNumber);
        received.add(reports.describe(buffer, offset, length));
    }

    @Override
    public void onEndOfSession()
    {
        endOfSession = true;
    }

    @Override
    public void close()
    {
        client.close();
    }
}
