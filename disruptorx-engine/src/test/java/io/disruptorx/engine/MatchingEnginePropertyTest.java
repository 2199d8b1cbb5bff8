package io.disruptorx.engine;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random flows checked against {@link ReferenceModel} after every command (client order ids included:
 * duplicates refused, cancels and replaces naming an order by its client order id), run in lockstep on three
 * engines: A (checked by the model), B (same commands: determinism; it also snapshots at a random point) and C
 * (restored from B's snapshot, then fed the rest: a restored engine continues identically). At the end all three
 * snapshots must be byte-identical.
 */
class MatchingEnginePropertyTest
{
    private static final int COMMANDS = 100_000;
    private static final int SLOW_COMMANDS = 1_000_000;
    private static final int VERIFY_EVERY = 500;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 7L, 42L, 20_240_601L, -3_141_592_653L})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldAgreeWithModelAndReplayIdentically(final long seed)
    {
        new Run(seed, COMMANDS).execute();
    }

    static LongStream slowSeeds()
    {
        return LongStream.rangeClosed(100, 119);
    }

    @Tag("slow")
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("slowSeeds")
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void shouldAgreeWithModelAndReplayIdenticallyOverLongFlows(final long seed)
    {
        new Run(seed, SLOW_COMMANDS).execute();
    }

    /**
     * One seeded run.
     */
    static final class Run
    {
        private final long seed;
        private final int commands;
        private final EngineConfig config;
        private final ReferenceModel model;
        private final CommandFlow flow;
        private final int instrumentCount;
        private final long snapshotAt;
        private final RecordingListener recorderA = new RecordingListener();
        private final RecordingListener recorderB = new RecordingListener();
        private final MatchingEngine engineA;
        private final MatchingEngine engineB;
        private RecordingListener recorderC;
        private MatchingEngine engineC;
        private long index;

        Run(final long seed, final int commands)
        {
            this.seed = seed;
            this.commands = commands;
            final SplittableRandom random = new SplittableRandom(seed);
            this.config = CommandFlow.config(random);
            this.instrumentCount = 1 + random.nextInt(3);
            this.model = new ReferenceModel(config);
            this.flow = new CommandFlow(random.split(), model, instrumentCount);
            this.snapshotAt = commands / 4 + random.nextInt(commands / 2);
            this.engineA = new MatchingEngine(config, recorderA);
            this.engineB = new MatchingEngine(config, recorderB);
        }

        void execute()
        {
            Command command = null;
            try
            {
                for (final Command setup : flow.setup())
                {
                    command = setup;
                    step(setup);
                }
                for (int i = 0; i < commands; i++)
                {
                    if (i == snapshotAt)
                    {
                        snapshotAndRestore();
                    }
                    command = flow.next();
                    step(command);
                    if (i % VERIFY_EVERY == 0)
                    {
                        model.verifyBooks();
                        model.verifyEngine(engineA);
                    }
                }
                model.verifyBooks();
                model.verifyEngine(engineA);
                model.verifyEngine(engineB);
                model.verifyEngine(engineC);
                final byte[] a = snapshot(engineA);
                assertSameBytes("final snapshot of B", a, snapshot(engineB));
                assertSameBytes("final snapshot of restored C", a, snapshot(engineC));
                if (model.trades() < commands / 20)
                {
                    throw new AssertionError("flow too quiet: only " + model.trades() + " trades");
                }
                for (final String kind : new String[] {"Rejected.DUPLICATE_CLIENT_ORDER_ID",
                    "Cancel.byClientOrderId.found", "Cancel.byClientOrderId.unknown", "Replace.byClientOrderId.found",
                    "Replace.byClientOrderId.unknown"})
                {
                    if (model.counts().getOrDefault(kind, 0L) < commands / 1_000)
                    {
                        throw new AssertionError("flow too narrow: " + kind + " " + model.counts().get(kind));
                    }
                }
                System.out.printf("seed %d: %d commands, %d trades, %d orders resting, snapshot at #%d%n  %s%n",
                    seed, index, model.trades(), model.liveCount(), snapshotAt, model.counts());
            }
            catch (final AssertionError | RuntimeException e)
            {
                throw new AssertionError("seed " + seed + " (" + instrumentCount + " instruments, " +
                    config.postOnlyMode() + "), command #" + index + " " + command + ": " + e.getMessage(), e);
            }
        }

        private void step(final Command command)
        {
            index++;
            final long timestamp = 1_000 + index * 3;
            command.apply(engineA, timestamp);
            final RecordingListener.Events a = drain(recorderA);
            model.apply(command, a.all());
            command.apply(engineB, timestamp);
            final RecordingListener.Events b = drain(recorderB);
            if (!a.equals(b))
            {
                throw new AssertionError("replay B differs (determinism):\n  A " + a + "\n  B " + b);
            }
            if (engineC != null)
            {
                command.apply(engineC, timestamp);
                final RecordingListener.Events c = drain(recorderC);
                if (!a.equals(c))
                {
                    throw new AssertionError("restored C differs:\n  A " + a + "\n  C " + c);
                }
            }
            for (final Long ts : a.timestamps())
            {
                if (ts != timestamp)
                {
                    throw new AssertionError("event with timestamp " + ts + " from command stamped " + timestamp);
                }
            }
        }

        private static RecordingListener.Events drain(final RecordingListener recorder)
        {
            final RecordingListener.Events events = recorder.drain();
            if (!recorder.sequenceErrors().isEmpty())
            {
                throw new AssertionError("feed sequence: " + recorder.sequenceErrors());
            }
            recorder.clear();
            return events;
        }

        private void snapshotAndRestore()
        {
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 16);
            final int length = engineB.snapshot(buffer, 0);
            recorderC = new RecordingListener(recorderB.nextFeedSequence());
            engineC = new MatchingEngine(config, recorderC);
            engineC.restore(buffer, 0, length);
            final byte[] original = new byte[length];
            buffer.getBytes(0, original);
            assertSameBytes("snapshot of restored engine", original, snapshot(engineC));
            if (!recorderC.events().isEmpty())
            {
                throw new AssertionError("restore emitted events: " + recorderC.events());
            }
        }

        private static byte[] snapshot(final MatchingEngine engine)
        {
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 16);
            final int length = engine.snapshot(buffer, 0);
            final byte[] bytes = new byte[length];
            buffer.getBytes(0, bytes);
            return bytes;
        }

        private static void assertSameBytes(final String what, final byte[] expected, final byte[] actual)
        {
            final int common = Math.min(expected.length, actual.length);
            for (int i = 0; i < common; i++)
            {
                if (expected[i] != actual[i])
                {
                    throw new AssertionError(what + ": first difference at byte " + i + " of " + expected.length);
                }
            }
            if (expected.length != actual.length)
            {
                throw new AssertionError(what + ": " + actual.length + " bytes, expected " + expected.length);
            }
        }
    }
}
