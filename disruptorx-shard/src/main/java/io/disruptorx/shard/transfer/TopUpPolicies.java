package io.disruptorx.shard.transfer;

import java.util.List;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * A sharded gateway's top-up configuration: the accounts' policies and the instruments whose orders may be topped
 * up (what an order holds is computed from them). Read-only once built; looked up without allocation.
 */
public final class TopUpPolicies
{
    private final Long2ObjectHashMap<TopUpPolicy> policies = new Long2ObjectHashMap<>();
    private final Int2ObjectHashMap<TopUpInstrument> instruments = new Int2ObjectHashMap<>();
    private final List<TopUpPolicy> listed;

    /**
     * @param policies    one per account at most.
     * @param instruments one per instrument at most.
     */
    public TopUpPolicies(final List<TopUpPolicy> policies, final List<TopUpInstrument> instruments)
    {
        for (final TopUpPolicy policy : policies)
        {
            if (this.policies.put(policy.accountId(), policy) != null)
            {
                throw new IllegalArgumentException("two top-up policies for account " + policy.accountId());
            }
        }
        for (final TopUpInstrument instrument : instruments)
        {
            if (this.instruments.put(instrument.id(), instrument) != null)
            {
                throw new IllegalArgumentException("instrument " + instrument.id() + " listed twice for top-ups");
            }
        }
        this.listed = List.copyOf(policies);
    }

    /**
     * @return no policies.
     */
    public static TopUpPolicies none()
    {
        return new TopUpPolicies(List.of(), List.of());
    }

    /**
     * @param accountId an account.
     * @return its policy when it is enabled, else {@code null}.
     */
    public TopUpPolicy enabledFor(final long accountId)
    {
        final TopUpPolicy policy = policies.get(accountId);
        return policy != null && policy.enabled() ? policy : null;
    }

    /**
     * @param instrumentId an instrument.
     * @return its definition, or {@code null} when top-ups do not know it.
     */
    public TopUpInstrument instrument(final int instrumentId)
    {
        return instruments.get(instrumentId);
    }

    /**
     * @return whether any account's top-ups are enabled.
     */
    public boolean anyEnabled()
    {
        return listed.stream().anyMatch(TopUpPolicy::enabled);
    }

    /**
     * @return the policies, in the order given.
     */
    public List<TopUpPolicy> policies()
    {
        return listed;
    }
}
