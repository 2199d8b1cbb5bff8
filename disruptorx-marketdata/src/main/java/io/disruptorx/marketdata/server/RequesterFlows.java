package io.disruptorx.marketdata.server;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link RequesterFlow} of each requester. A flow is what one socket was sent, so it is kept per address and
 * port (two clients behind one address must not suppress each other's resends); a new port gains nothing, since a
 * new flow starts with a restart, which costs a token of the {@link RequestRateLimiter}, kept per address. The table
 * is bounded: past {@code maxRequesters} entries the flow that asked least recently is forgotten, so garbage from
 * many source ports cannot grow it and the flows of active requesters are kept. A known requester costs no
 * allocation.
 */
final class RequesterFlows
{
    private final Map<InetSocketAddress, RequesterFlow> flows;

    RequesterFlows(final int maxRequesters)
    {
        flows = new LinkedHashMap<>(16, 0.75f, true)
        {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<InetSocketAddress, RequesterFlow> eldest)
            {
                return size() > maxRequesters;
            }
        };
    }

    RequesterFlow of(final InetSocketAddress requester)
    {
        RequesterFlow flow = flows.get(requester);
        if (flow == null)
        {
            flow = new RequesterFlow();
            flows.put(requester, flow);
        }
        return flow;
    }
}
