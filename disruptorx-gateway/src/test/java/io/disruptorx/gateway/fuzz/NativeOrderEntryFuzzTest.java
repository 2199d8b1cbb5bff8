package io.disruptorx.gateway.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target: one message of the native SBE order-entry dialect (every template, any header, any block),
 * into the real session core and engine ({@link EdgeFuzzHarness}). The build runs it in regression mode over its
 * seed corpus ({@code src/test/resources/io/disruptorx/gateway/fuzz/NativeOrderEntryFuzzTestInputs}, where a crash
 * Jazzer finds is kept); {@code -Pslow} fuzzes it for a million executions (docs/security.md, "Fuzzing").
 */
class NativeOrderEntryFuzzTest
{
    private static final EdgeFuzzHarness HARNESS = new EdgeFuzzHarness();

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void fuzzNativeOrderEntry(final byte[] input)
    {
        HARNESS.nativeMessage(input);
    }
}
