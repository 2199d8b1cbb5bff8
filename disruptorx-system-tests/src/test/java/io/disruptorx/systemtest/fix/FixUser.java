package io.disruptorx.systemtest.fix;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
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
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.MsgType;

import static org.awaitility.Awaitility.await;

/**
 * One QuickFIX/J 3.0.0 initiator session, set up as {@code dx demo} tells a user to: BeginString FIX.4.4,
 * SenderCompID the user, Username(553) and Password(554) on the Logon, ResetOnLogon. Queues every application
 * message it receives.
 */
final class FixUser implements Application, AutoCloseable
{
    private final String password;
    private final SessionID sessionId;
    private final SocketInitiator initiator;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private volatile boolean loggedOn;

    FixUser(final int port, final String user, final String password, final String venueCompId) throws ConfigError
    {
        this.password = password;
        sessionId = new SessionID("FIX.4.4", user, venueCompId);
        final SessionSettings settings = new SessionSettings();
        settings.setString("ConnectionType", "initiator");
        settings.setString("SocketConnectHost", "127.0.0.1");
        settings.setLong("SocketConnectPort", port);
        settings.setLong("HeartBtInt", 30);
        settings.setLong("ReconnectInterval", 1);
        settings.setString("StartTime", "00:00:00");
        settings.setString("EndTime", "00:00:00");
        settings.setString("NonStopSession", "Y");
        settings.setString("UseDataDictionary", "N");
        settings.setString("ResetOnLogon", "Y");
        settings.setString(sessionId, "BeginString", "FIX.4.4");
        settings.setString(sessionId, "SenderCompID", user);
        settings.setString(sessionId, "TargetCompID", venueCompId);
        initiator = new SocketInitiator(this, new MemoryStoreFactory(), settings,
            new ScreenLogFactory(false, false, false, false), new DefaultMessageFactory());
        initiator.start();
    }

    /**
     * @param timeoutMs longest wait.
     * @return whether the session logged on.
     */
    boolean awaitLogon(final long timeoutMs)
    {
        try
        {
            await().atMost(Duration.ofMillis(timeoutMs)).pollInterval(Duration.ofMillis(5)).until(() -> loggedOn);
            return true;
        }
        catch (final ConditionTimeoutException ex)
        {
            return false;
        }
    }

    void send(final Message message)
    {
        if (!Session.lookupSession(sessionId).send(message))
        {
            throw new IllegalStateException("QuickFIX/J did not send " + message);
        }
    }

    /**
     * @param timeoutMs longest wait.
     * @return the next application message.
     * @throws AssertionError when none came in time.
     */
    Message next(final long timeoutMs) throws InterruptedException
    {
        final Message message = received.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (message == null)
        {
            throw new AssertionError(sessionId + " received no application message in " + timeoutMs + " ms");
        }
        return message;
    }

    @Override
    public void fromApp(final Message message, final SessionID id)
    {
        received.add(message);
    }

    @Override
    public void toAdmin(final Message message, final SessionID id)
    {
        try
        {
            if (MsgType.LOGON.equals(message.getHeader().getString(MsgType.FIELD)))
            {
                message.setString(553, id.getSenderCompID());
                message.setString(554, password);
            }
        }
        catch (final FieldNotFound ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void onLogon(final SessionID id)
    {
        loggedOn = true;
    }

    @Override
    public void onLogout(final SessionID id)
    {
        loggedOn = false;
    }

    @Override
    public void onCreate(final SessionID id)
    {
    }

    @Override
    public void fromAdmin(final Message message, final SessionID id)
    {
    }

    @Override
    public void toApp(final Message message, final SessionID id)
    {
    }

    @Override
    public void close()
    {
        initiator.stop(true);
    }
}
