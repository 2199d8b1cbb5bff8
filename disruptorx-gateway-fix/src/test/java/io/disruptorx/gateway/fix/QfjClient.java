package io.disruptorx.gateway.fix;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.ScreenLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.MsgType;

import static org.awaitility.Awaitility.await;

/**
 * A QuickFIX/J 3.0.0 initiator for one user, the one independent FIX client of the tests (this module's and, through
 * its test jar, the system tests'): logs on with Username(553) and Password(554), keeps its sequence numbers and
 * sent messages in memory across reconnects (PersistMessages, no resets, unless the extra settings say otherwise),
 * and queues every application message it receives.
 */
public final class QfjClient implements Application, AutoCloseable
{
    private final String user;
    private final String password;
    private final SessionID sessionId;
    private final SocketInitiator initiator;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private volatile boolean loggedOn;
    private volatile boolean everLoggedOn;
    private volatile String lastLogoutText;
    private volatile int resendRequests;

    /**
     * @param port     the acceptor's loopback port.
     * @param user     SenderCompID(49) and Username(553); the TargetCompID(56) is {@code DXEX}.
     * @param password Password(554), or {@code null} to send none (a client certificate authenticates).
     * @throws ConfigError when QuickFIX/J refuses the settings.
     */
    public QfjClient(final int port, final String user, final String password) throws ConfigError
    {
        this(port, user, password, Map.of());
    }

    /**
     * @param port     the acceptor's loopback port.
     * @param user     SenderCompID(49) and Username(553); the TargetCompID(56) is {@code DXEX}.
     * @param password Password(554), or {@code null} to send none (a client certificate authenticates).
     * @param extra    further session settings, e.g. QuickFIX/J's {@code SocketUseSSL} and trust store.
     * @throws ConfigError when QuickFIX/J refuses the settings.
     */
    public QfjClient(final int port, final String user, final String password, final Map<String, String> extra)
        throws ConfigError
    {
        this.user = user;
        this.password = password;
        sessionId = new SessionID("FIX.4.4", user, FixTestVenue.COMP_ID);
        final SessionSettings settings = new SessionSettings();
        settings.setString("ConnectionType", "initiator");
        settings.setString("SocketConnectHost", "127.0.0.1");
        settings.setLong("SocketConnectPort", port);
        settings.setLong("HeartBtInt", 30);
        settings.setLong("ReconnectInterval", 1);
        settings.setString("StartTime", "00:00:00");
        settings.setString("EndTime", "00:00:00");
        settings.setString("NonStopSession", "Y");
        settings.setString("UseDataDictionary", "Y");
        settings.setString("DataDictionary", "FIX44.xml");
        settings.setString("ValidateUserDefinedFields", "N");
        settings.setString("PersistMessages", "Y");
        settings.setString("ResetOnLogon", "N");
        settings.setString("ResetOnLogout", "N");
        settings.setString("ResetOnDisconnect", "N");
        settings.setString(sessionId, "BeginString", "FIX.4.4");
        settings.setString(sessionId, "SenderCompID", user);
        settings.setString(sessionId, "TargetCompID", FixTestVenue.COMP_ID);
        extra.forEach(settings::setString);
        initiator = new SocketInitiator(this, new MemoryStoreFactory(), settings, new ScreenLogFactory(false, false,
            false, false), new DefaultMessageFactory());
    }

    /**
     * Starts a client and waits for its logon.
     *
     * @param port     the acceptor's loopback port.
     * @param user     SenderCompID(49) and Username(553).
     * @param password Password(554), or {@code null} to send none (a client certificate authenticates).
     * @param extra    further session settings.
     * @param millis   longest wait for the logon.
     * @return the logged-on client.
     * @throws AssertionError when it did not log on in time (with the acceptor's Logout text, if any).
     */
    public static QfjClient loggedOn(
        final int port, final String user, final String password, final Map<String, String> extra, final long millis)
        throws ConfigError, InterruptedException
    {
        final QfjClient client = new QfjClient(port, user, password, extra);
        client.start();
        if (!client.awaitLogon(millis))
        {
            client.close();
            throw new AssertionError(user + " did not log on to port " + port + ": " + client.lastLogoutText());
        }
        return client;
    }

    public void start() throws ConfigError
    {
        initiator.start();
    }

    /**
     * Drops the connection without a Logout, as a network failure would.
     */
    public void drop() throws IOException
    {
        session().disconnect("test: connection dropped", false);
    }

    public void stop()
    {
        initiator.stop(true);
    }

    public Session session()
    {
        return Session.lookupSession(sessionId);
    }

    public boolean awaitLogon(final long millis) throws InterruptedException
    {
        return within(millis, () -> loggedOn);
    }

    /**
     * @return whether a logon was ever accepted, even one logged out since.
     */
    public boolean everLoggedOn()
    {
        return everLoggedOn;
    }

    public boolean awaitLogout(final long millis) throws InterruptedException
    {
        return within(millis, () -> !loggedOn);
    }

    private static boolean within(final long millis, final Callable<Boolean> condition)
    {
        try
        {
            await().atMost(Duration.ofMillis(millis)).pollInterval(Duration.ofMillis(5)).until(condition);
            return true;
        }
        catch (final ConditionTimeoutException ex)
        {
            return false;
        }
    }

    public String lastLogoutText()
    {
        return lastLogoutText;
    }

    /**
     * @return how many ResendRequests the acceptor sent this client: one after a logon means the acceptor expected
     * a lower MsgSeqNum than the client sent.
     */
    public int resendRequests()
    {
        return resendRequests;
    }

    public void send(final Message message) throws SessionNotFound
    {
        if (!Session.sendToTarget(message, sessionId))
        {
            throw new IllegalStateException("QuickFIX/J did not queue the message");
        }
    }

    public Message next(final long millis) throws InterruptedException
    {
        final Message message = received.poll(millis, TimeUnit.MILLISECONDS);
        if (message == null)
        {
            throw new AssertionError(user + ": no message within " + millis + " ms");
        }
        return message;
    }

    public List<Message> next(final int count, final long millis) throws InterruptedException
    {
        final List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            messages.add(next(millis));
        }
        return messages;
    }

    /**
     * For assertions that nothing more arrives: there is no condition to await, so the window is a fixed time.
     */
    public List<Message> settle(final long millis) throws InterruptedException
    {
        Thread.sleep(millis);
        final List<Message> rest = new ArrayList<>();
        received.drainTo(rest);
        return rest;
    }

    @Override
    public void onCreate(final SessionID id)
    {
    }

    @Override
    public void onLogon(final SessionID id)
    {
        everLoggedOn = true;
        loggedOn = true;
    }

    @Override
    public void onLogout(final SessionID id)
    {
        loggedOn = false;
    }

    @Override
    public void toAdmin(final Message message, final SessionID id)
    {
        try
        {
            if (MsgType.LOGON.equals(message.getHeader().getString(MsgType.FIELD)))
            {
                message.setString(553, user);
                if (password != null)
                {
                    message.setString(554, password);
                }
            }
        }
        catch (final FieldNotFound ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void fromAdmin(final Message message, final SessionID id)
    {
        try
        {
            final String type = message.getHeader().getString(MsgType.FIELD);
            if (MsgType.LOGOUT.equals(type) && message.isSetField(58))
            {
                lastLogoutText = message.getString(58);
            }
            if (MsgType.RESEND_REQUEST.equals(type))
            {
                resendRequests++;
            }
            if (MsgType.REJECT.equals(type))
            {
                received.add(message);
            }
        }
        catch (final FieldNotFound ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void toApp(final Message message, final SessionID id)
    {
    }

    @Override
    public void fromApp(final Message message, final SessionID id)
    {
        received.add(message);
    }

    @Override
    public void close()
    {
        initiator.stop(true);
    }
}
