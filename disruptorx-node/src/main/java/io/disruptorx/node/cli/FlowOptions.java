package io.disruptorx.node.cli;

import picocli.CommandLine.Option;

/**
 * The simulated traders' {@code --instruments}, {@code --accounts} and {@code --seed} options of {@code dx demo}
 * and {@code dx cluster}, mixed in with picocli's {@code @Mixin}. The offered {@code --rate} stays with each
 * command: their defaults differ.
 */
public final class FlowOptions
{
    @Option(names = "--instruments", defaultValue = "4", description = "Instruments (default ${DEFAULT-VALUE}).")
    private int instruments;

    @Option(names = "--accounts", defaultValue = "100", description = "Trading accounts (default ${DEFAULT-VALUE}).")
    private int accounts;

    @Option(names = "--seed", defaultValue = "42", description = "Order flow seed (default ${DEFAULT-VALUE}).")
    private long seed;

    /**
     * @return instruments 1..n.
     */
    public int instruments()
    {
        return instruments;
    }

    /**
     * @return trading accounts 1..n.
     */
    public int accounts()
    {
        return accounts;
    }

    /**
     * @return the order flow's seed.
     */
    public long seed()
    {
        return seed;
    }
}
