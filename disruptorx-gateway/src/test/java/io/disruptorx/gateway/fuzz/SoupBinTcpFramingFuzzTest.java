package io.disruptorx.gateway.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target: a client byte stream: SoupBinTCP frames, login requests and native messages in them, into the
 * real session core and engine ({@link EdgeFuzzHarness}). The build runs it in regression mode over its seed corpus
 * ({@code src/test/resources/io/disruptorx/gateway/fuzz/SoupBinTcpFramingFuzzTestInputs}, where a crash Jazzer
 * finds is kept); {@code -Pslow} fuzzes it for a million executions (docs/security.md, "Fuzzing").
 */
class SoupBinTcpFramingFuzzTest
{
    private static final EdgeFuzzHarness HARNESS = new EdgeFuzzHarness();

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void fuzzFraming(final byte[] input)
    {
        HARNESS.stream(input);
    }
}
