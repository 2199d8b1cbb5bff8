package io.disruptorx.cluster.client;

import java.io.File;
import java.io.PrintStream;
import java.util.function.Consumer;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.cluster.client.AeronCluster;
import io.disruptorx.cluster.ErrorLog;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentInvoker;

/**
 * A {@link ClusterVenueClient}'s Aeron client, whose conductor runs on the client's thread. Every error Aeron
 * reports is counted ({@link ClientCounters#aeronErrors()}) and printed the first time ({@link ErrorLog}); none
 * ends the process, unlike Aeron's default handler, which calls {@code System.exit} when the media driver stops
 * answering. When the Aeron client ends under it (a driver timeout: the driver stopped, or its keep-alive is older
 * than Aeron's driver timeout, {@code aeron.driver.timeout}, 10 s by default, in wall-clock time) the link counts a
 * driver loss ({@link ClientCounters#driverLosses()}), says so once, and drops the client; {@link #open()} makes a
 * new one once a driver answers in the directory again.
 */
final class DriverLink implements AutoCloseable
{
    private static final Consumer<String> QUIET = (line) ->
    {
    };

    private final ClusterClientConfig config;
    private final ClientCounters counters;
    private final PrintStream out;
    private final String source;
    private final ErrorLog log;
    private final ErrorHandler errors;
    private Aeron aeron;
    private AgentInvoker conductor;

    /**
     * Connects to the media driver.
     *
     * @param config   the client's settings (the driver's directory, the gateway id).
     * @param counters where errors and driver losses are counted.
     * @param out      where errors and driver losses are reported.
     * @throws io.aeron.exceptions.AeronException when no driver answers in the directory.
     */
    DriverLink(final ClusterClientConfig config, final ClientCounters counters, final PrintStream out)
    {
        this.config = config;
        this.counters = counters;
        this.out = out;
        this.source = "cluster client " + config.gatewayId();
        this.log = new ErrorLog(source, out);
        this.errors = (throwable) ->
        {
            counters.aeronErrors++;
            log.onError(throwable);
        };
        connect(context());
    }

    /**
     * Runs the Aeron client's conductor.
     *
     * @return whether an Aeron client is open; false from the poll that finds it ended (counted and reported) on.
     */
    boolean invoke()
    {
        if (aeron == null)
        {
            return false;
        }
        conductor.invoke();
        if (!aeron.isClosed())
        {
            return true;
        }
        counters.driverLosses++;
        out.println(source + ": its Aeron client ended (the media driver in " + config.aeronDirectory() +
            " stopped answering); the session is lost, commands wait and are sent again in a new session once a " +
            "driver answers there");
        out.flush();
        CloseHelper.quietClose(aeron);
        aeron = null;
        conductor = null;
        return false;
    }

    /**
     * Makes a new Aeron client if there is none and a driver answers in the directory (without waiting for one).
     *
     * @return whether an Aeron client is open.
     */
    boolean open()
    {
        if (aeron != null)
        {
            return true;
        }
        final Aeron.Context context = context();
        try
        {
            if (!CommonContext.isDriverActive(new File(config.aeronDirectory()), context.driverTimeoutMs(), QUIET))
            {
                return false;
            }
            connect(context);
            return true;
        }
        catch (final RuntimeException ex)
        {
            errors.onError(ex);
            return false;
        }
    }

    /**
     * @return the context of a new cluster session on the Aeron client, made first if need be, with this link's
     * error handler.
     * @throws IllegalStateException when no media driver answers in the directory.
     */
    AeronCluster.Context clusterContext()
    {
        if (!open())
        {
            throw new IllegalStateException("no media driver answers in " + config.aeronDirectory());
        }
        return config.clusterContext(aeron).errorHandler(errors);
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(aeron);
        aeron = null;
        conductor = null;
    }

    private Aeron.Context context()
    {
        return new Aeron.Context().aeronDirectoryName(config.aeronDirectory()).useConductorAgentInvoker(true)
            .clientName("dx-gateway-" + config.gatewayId()).errorHandler(errors);
    }

    private void connect(final Aeron.Context context)
    {
        aeron = Aeron.connect(context);
        conductor = aeron.conductorAgentInvoker();
    }
}
