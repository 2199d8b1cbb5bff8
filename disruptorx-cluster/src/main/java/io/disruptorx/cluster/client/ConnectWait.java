package io.disruptorx.cluster.client;

import java.util.concurrent.locks.LockSupport;

import io.disruptorx.protocol.venue.VenueEventHandler;

/**
 * {@link ClusterVenueClient#awaitConnected}: polls the client, delivering no event, until a session is open, the
 * client is closed or the time is up, parking a millisecond between polls.
 */
final class ConnectWait
{
    private static final long PARK_NANOS = 1_000_000L;
    private static final VenueEventHandler IGNORE_EVENTS = (position, buffer, offset, length) ->
    {
    };

    private ConnectWait()
    {
    }

    static boolean await(final ClusterVenueClient client, final long timeoutNanos)
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (!client.isConnected() && !client.isClosed())
        {
            client.poll(IGNORE_EVENTS, 0);
            if (client.isConnected() || System.nanoTime() - deadline >= 0)
            {
                break;
            }
            LockSupport.parkNanos(PARK_NANOS);
        }
        return client.isConnected();
    }
}
