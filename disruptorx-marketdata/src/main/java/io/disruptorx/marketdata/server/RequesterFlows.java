package io.disruptorx.marketdata.server;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link RequesterFlow} of each requester. The table is bounded: past {@code maxRequesters} entries it starts
 * afresh, so garbage from many source addresses cannot grow it.
 */
final class RequesterFlows
{
    private final int maxRequesters;
    private final Map<InetSocketAddress, RequesterFlow> flows = new HashMap<>();

    RequesterFlows(final int maxRequesters)
    {
        this.maxRequesters = maxRequesters;
    }

    RequesterFlow of(final InetSocketAddress requester)
    {
        RequesterFlow flow = flows.get(requester);
        if (flow == null)
        {
            if (flows.size() >= maxRequesters)
            {
                flows.clear();
            }
            flow = new RequesterFlow();
            flows.put(requester, flow);
        }
        return flow;
    }
}
