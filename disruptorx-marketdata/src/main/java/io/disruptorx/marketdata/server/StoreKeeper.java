package io.disruptorx.marketdata.server;

import org.agrona.concurrent.Agent;

/**
 * Keeps a spare chunk ready in the {@link MessageStore}, so the publishing thread (the node's output thread) takes
 * memory that is already there instead of allocating a chunk of slots while it publishes.
 */
public final class StoreKeeper implements Agent
{
    private final MessageStore store;

    /**
     * @param store the feed's store.
     */
    public StoreKeeper(final MessageStore store)
    {
        this.store = store;
    }

    @Override
    public int doWork()
    {
        return store.prepareSpare() ? 1 : 0;
    }

    @Override
    public String roleName()
    {
        return "dx-md-store-keeper";
    }
}
