package io.disruptorx.bench.engine;

/**
 * The consistency check every benchmark cycle makes: same flow, same semantics, so the same trades.
 */
final class FlowCheck
{
    private FlowCheck()
    {
    }

    /**
     * @param runner   who ran the cycle.
     * @param flow     the flow.
     * @param trades   trades the cycle produced.
     * @param volume   quantity traded in the cycle.
     * @param failures commands refused or failed in the cycle (none are expected: risk is funded, ids are live).
     */
    static void checkCycle(
        final String runner, final OrderFlow flow, final long trades, final long volume, final long failures)
    {
        if (trades != flow.expectedTrades || volume != flow.expectedVolume || failures != 0)
        {
            throw new IllegalStateException(runner + " diverged from the reference book: trades " + trades + " (want "
                + flow.expectedTrades + "), volume " + volume + " (want " + flow.expectedVolume + "), failures "
                + failures);
        }
    }
}
