package io.disruptorx.gateway.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target: one POE message (Enter Order, Cancel Order, anything else), into the real session core and
 * engine ({@link EdgeFuzzHarness}). The build runs it in regression mode over its seed corpus ({@code
 * src/test/resources/io/disruptorx/gateway/fuzz/PoeFuzzTestInputs}, where a crash Jazzer finds is kept); {@code
 * -Pslow} fuzzes it for a million executions (docs/security.md, "Fuzzing").
 */
class PoeFuzzTest
{
    private static final EdgeFuzzHarness HARNESS = new EdgeFuzzHarness();

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void fuzzPoe(final byte[] input)
    {
        HARNESS.poeMessage(input);
    }
}
