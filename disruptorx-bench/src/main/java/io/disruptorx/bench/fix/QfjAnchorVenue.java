package io.disruptorx.bench.fix;

import java.nio.file.Path;

import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.ScreenLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketAcceptor;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LeavesQty;
import quickfix.field.MsgType;
import quickfix.field.OrdStatus;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.fix44.ExecutionReport;

/**
 * The anchor of {@code dx bench gateway}: a QuickFIX/J 3.0.0 acceptor that answers every NewOrderSingle with an
 * ExecutionReport (new) and does nothing else, built the common way: the FIX 4.4 data dictionary validates every
 * incoming message, and the file store keeps sequence numbers and sent messages for resends (not forced to disk,
 * as Artio's archive in our gateway is not). No matching, no risk checks, no journal.
 */
public final class QfjAnchorVenue implements Application, AutoCloseable
{
    private final SocketAcceptor acceptor;
    private long orderId;

    /**
     * Listens on loopback.
     *
     * @param port      the port.
     * @param compId    its SenderCompID.
     * @param clients   each client session's CompID (one session each, all on the acceptor's one thread).
     * @param directory for the file store.
     * @throws ConfigError when QuickFIX/J refuses the settings.
     */
    public QfjAnchorVenue(final int port, final String compId, final String[] clients, final Path directory)
        throws ConfigError
    {
        final SessionSettings settings = new SessionSettings();
        settings.setString("ConnectionType", "acceptor");
        settings.setString("SocketAcceptAddress", "127.0.0.1");
        settings.setLong("SocketAcceptPort", port);
        settings.setString("StartTime", "00:00:00");
        settings.setString("EndTime", "00:00:00");
        settings.setString("NonStopSession", "Y");
        settings.setString("UseDataDictionary", "Y");
        settings.setString("DataDictionary", "FIX44.xml");
        settings.setString("ValidateUserDefinedFields", "N");
        settings.setString("PersistMessages", "Y");
        settings.setString("FileStorePath", directory.toString());
        settings.setString("FileStoreSync", "N");
        settings.setString("SocketTcpNoDelay", "Y");
        for (final String client : clients)
        {
            final SessionID sessionId = new SessionID("FIX.4.4", compId, client);
            settings.setString(sessionId, "BeginString", "FIX.4.4");
            settings.setString(sessionId, "SenderCompID", compId);
            settings.setString(sessionId, "TargetCompID", client);
        }
        acceptor = new SocketAcceptor(this, new FileStoreFactory(settings), settings,
            new ScreenLogFactory(false, false, false, false), new DefaultMessageFactory());
        acceptor.start();
    }

    @Override
    public void fromApp(final Message message, final SessionID id)
    {
        try
        {
            if (!MsgType.NEW_ORDER_SINGLE.equals(message.getHeader().getString(MsgType.FIELD)))
            {
                return;
            }
            orderId++;
            final double quantity = message.getDouble(OrderQty.FIELD);
            final ExecutionReport report = new ExecutionReport(new OrderID(Long.toString(orderId)),
                new ExecID(Long.toString(orderId)), new ExecType(ExecType.NEW), new OrdStatus(OrdStatus.NEW),
                new Side(message.getChar(Side.FIELD)), new LeavesQty(quantity), new CumQty(0), new AvgPx(0));
            report.set(new ClOrdID(message.getString(ClOrdID.FIELD)));
            report.set(new Symbol(message.getString(Symbol.FIELD)));
            report.set(new OrderQty(quantity));
            Session.sendToTarget(report, id);
        }
        catch (final FieldNotFound | quickfix.SessionNotFound ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void onCreate(final SessionID id)
    {
    }

    @Override
    public void onLogon(final SessionID id)
    {
    }

    @Override
    public void onLogout(final SessionID id)
    {
    }

    @Override
    public void toAdmin(final Message message, final SessionID id)
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
        acceptor.stop(true);
    }
}
