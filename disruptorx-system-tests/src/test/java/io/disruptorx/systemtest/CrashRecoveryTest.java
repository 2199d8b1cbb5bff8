package io.disruptorx.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import io.disruptorx.journal.CrashPoint;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.journal.SnapshotStore;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.embedded.NodeState;
import io.disruptorx.node.embedded.NodeThreading;
import io.disruptorx.node.embedded.ThreadingMode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4's crash test: the embedded node runs as a separate JVM ({@link CrashTestNode}) under a seeded order
 * flow and is killed with SIGKILL, then restarted on the same data directory, many times, in both threading modes
 * (the CI test alternates them run by run; the slow test runs each mode apart). It runs with the
 * default retention (three snapshots kept, journal segments covered by the oldest deleted), and the kills land
 * at random moments and at named {@link io.disruptorx.journal.CrashPoint}s: in the middle of a snapshot write
 * (before and after its rename), of snapshot pruning, of deleting covered segments, of a roll. Each run's kill is
 * drawn from the seed ({@link KillPlan}), which is printed and can be given again with
 * {@code -Ddx.crashtest.seed=N}. A {@link JournalArchive} hard-links every segment as it appears, so afterwards the
 * whole journal is replayed from its first record into a fresh engine although the node deleted segments, and
 * the test proves:
 * <ul>
 *   <li>no acknowledged order was lost: every ACK (and every cancel report) a child printed names a command
 *   that is in the journal, with the same outcome (accepted with the same order id, or the same reject
 *   reason), at a sequence the next restart recovered;</li>
 *   <li>every restart recovered exactly a replay of the journal: the digest of the engine state each child
 *   recovered equals the replay's state right after the sequence that child said it recovered to, and a last
 *   in-process start recovers byte for byte the state of the full replay.</li>
 * </ul>
 *
 * <p>How it can fail. An ack printed before its command was journalled (say the engine step stopped waiting
 * for the journal step) is lost whenever a kill lands between the report and the append: with a window of 256
 * commands in flight that is nearly every kill. Checked by hand twice, both failing at the first run's acks:
 * the child printing an ack as it sends each order, and the test zeroing the last 2 KiB of the journal after
 * each kill, as a lost unforced tail would. A replay that skips or repeats commands,
 * a snapshot that does not match its sequence, a restart that reuses journal sequences or drops a valid tail,
 * or a torn tail treated wrongly, breaks the digest or the outcome checks. Deleting a segment the newest snapshot
 * does not cover makes a restart refuse to start (checked by hand: deleting every segment but the current one
 * fails at the first restart after a deletion, with no READY). What SIGKILL cannot show is a
 * missing force: the page cache survives a killed process, so that needs power-loss testing, not this test.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class CrashRecoveryTest
{
    private static final long SIGKILL_EXIT = 128 + 9;
    private static final long READY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long KILL_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long POINT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long IDS_PER_RUN = 1_000_000_000L;
    private static final long NO_READY = -1;

    /**
     * What one run printed before it was killed.
     */
    private record Run(
        int index, long pid, KillPlan plan, boolean paused, long recoveredSequence, long replayedCommands,
        JournalReplay.Digest recovered, List<Report> acks, List<Report> cancels, int exitValue)
    {
        boolean early()
        {
            return plan.kind() == KillPlan.Kind.EARLY;
        }

        boolean ready()
        {
            return recoveredSequence != NO_READY;
        }
    }

    /**
     * One ACK or CXL line: account, client order id or request id, order id and result.
     */
    private record Report(long account, long id, long orderId, String result)
    {
        static Report parse(final String[] fields, final String line)
        {
            assertThat(fields).as("report line '%s'", line).hasSize(5);
            return new Report(Long.parseLong(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[3]),
                fields[4]);
        }
    }

    /**
     * The kills alternate between the threading modes (even runs dedicated, odd runs shared), so each mode is killed
     * ten times and every restart recovers what the other mode wrote.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0x5EED_C4A5L})
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldLoseNoAcknowledgedOrderAndRecoverTheJournalAcrossTwentyKillsInBothModes(final long seed)
    {
        killAndRestart(seed, 20, run -> run % 2 == 0 ? ThreadingMode.DEDICATED : ThreadingMode.SHARED,
            ForcePolicy.EVERY_BATCH, NodeThreading.Pipelining.AUTO);
    }

    /**
     * The same with {@code EVERY_BATCH}'s forces pipelined in both modes, whatever {@code auto} picks: a batch end
     * only writes, the forcer thread forces while the next batch is written, and a command is applied (and reported)
     * only once a finished force covers it; a kill lands while forces and writes overlap.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0x919E_C4A5L})
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldLoseNoAcknowledgedOrderAcrossTwentyKillsWithPipelinedForcesInBothModes(final long seed)
    {
        killAndRestart(seed, 20, run -> run % 2 == 0 ? ThreadingMode.SHARED : ThreadingMode.DEDICATED,
            ForcePolicy.EVERY_BATCH, NodeThreading.Pipelining.ON);
    }

    /**
     * The same under {@code INTERVAL} (1 ms), forced on the journal's forcer thread: a process crash loses nothing
     * acknowledged under it either (each batch is written before it is released; the page cache survives the kill),
     * whether the forcer was idle, forcing, or the roll was waiting for it.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0x1A7E_C4A5L})
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldLoseNoAcknowledgedOrderAcrossTwentyKillsUnderIntervalWithTheForcerThreadInBothModes(final long seed)
    {
        killAndRestart(seed, 20, run -> run % 2 == 0 ? ThreadingMode.SHARED : ThreadingMode.DEDICATED,
            ForcePolicy.INTERVAL, NodeThreading.Pipelining.AUTO);
    }

    @ParameterizedTest(name = "{1}, seed {0}")
    @CsvSource({"12648430, SHARED", "12648430, DEDICATED"})
    @Tag("slow")
    void shouldLoseNoAcknowledgedOrderAndRecoverTheJournalAcrossAHundredKills(
        final long seed, final ThreadingMode mode)
    {
        killAndRestart(seed, 100, run -> mode, ForcePolicy.EVERY_BATCH, NodeThreading.Pipelining.AUTO);
    }

    /**
     * Runs the test with the seed given, or with {@code -Ddx.crashtest.seed=N} when set, so a printed seed can be
     * run again: it draws every run's order flow and its kill (when and where).
     */
    private static void killAndRestart(
        final long defaultSeed, final int kills, final IntFunction<ThreadingMode> modes, final ForcePolicy policy,
        final NodeThreading.Pipelining pipelined)
    {
        final long seed = Long.getLong("dx.crashtest.seed", defaultSeed);
        final Path dataDirectory = newDataDirectory(seed, kills);
        final long started = System.nanoTime();
        System.out.printf("crash test seed %d (%d kills); data in %s%n", seed, kills, dataDirectory);
        try
        {
            final List<Run> runs = new ArrayList<>();
            final SplittableRandom random = new SplittableRandom(seed);
            final JournalArchive archive =
                new JournalArchive(dataDirectory.resolve("data").resolve("journal"), dataDirectory.resolve("archive"));
            try
            {
                for (int i = 0; i < kills; i++)
                {
                    final long atPoints = runs.stream().filter(run -> run.plan().kind() == KillPlan.Kind.AT_POINT)
                        .count();
                    runs.add(runAndKill(dataDirectory, i, atPoints, random, modes.apply(i), policy, pipelined));
                }
            }
            finally
            {
                archive.close();
            }
            verify(dataDirectory, archive, runs, kills);
            System.out.printf("crash test seed %d: %d kills (%d at a crash point), %d acks and %d cancel reports " +
                "verified in %d ms%n", seed, runs.size(), runs.stream().filter(Run::paused).count(),
                runs.stream().mapToInt(r -> r.acks().size()).sum(),
                runs.stream().mapToInt(r -> r.cancels().size()).sum(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
        catch (final AssertionError | RuntimeException ex)
        {
            throw new AssertionError("crash test failed with seed " + seed + "; data directory left in " +
                dataDirectory + ": " + ex.getMessage(), ex);
        }
        deleteRecursively(dataDirectory);
    }

    /**
     * Starts a child and kills it with SIGKILL as its {@link KillPlan} says: at a crash point (a step of a snapshot
     * write, of a covered segment's deletion, of a roll or between a batch's two writes, reached for the chosen time
     * after READY), at a random
     * moment 0 to 400 ms after READY (trading, with snapshots written and segments rolled in the background), or
     * within 300 ms of its start (JVM start, recovery, torn tail repair). Keeps every line it printed, including
     * those still in the pipe at its death.
     */
    private static Run runAndKill(
        final Path dataDirectory, final int index, final long atPoints, final SplittableRandom random,
        final ThreadingMode mode, final ForcePolicy policy, final NodeThreading.Pipelining pipelined)
    {
        final long flowSeed = random.nextLong();
        final KillPlan plan = KillPlan.draw(index, atPoints, random);
        final long started = System.nanoTime();
        final List<String> arguments = new ArrayList<>(List.of("--data-dir", dataDirectory.resolve("data").toString(),
            "--seed", Long.toString(flowSeed), "--first-id", Long.toString((index + 1) * IDS_PER_RUN),
            "--threading", mode.name(), "--policy", policy.name(), "--pipelined", pipelined.name()));
        if (plan.kind() == KillPlan.Kind.AT_POINT)
        {
            arguments.addAll(List.of("--pause-at", plan.point().name(), "--occurrence",
                Integer.toString(plan.occurrence())));
        }
        final ChildNode child = ChildNode.start(CrashTestNode.class, arguments,
            dataDirectory.resolve(String.format("run-%03d.err", index)));
        try
        {
            long readyMillis = -1;
            boolean paused = false;
            if (plan.kind() == KillPlan.Kind.EARLY)
            {
                awaitUntil(child, started + TimeUnit.MILLISECONDS.toNanos(plan.liveMillis()));
            }
            else
            {
                awaitReady(child, index, dataDirectory);
                readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                if (plan.kind() == KillPlan.Kind.AT_POINT)
                {
                    paused = awaitPaused(child, System.nanoTime() + POINT_TIMEOUT_NANOS);
                }
                else
                {
                    awaitUntil(child, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(plan.liveMillis()));
                }
            }
            assertThat(child.ended()).as("run %d (pid %d) ended before it was killed", index, child.pid()).isFalse();
            final int exit = child.kill(KILL_TIMEOUT_NANOS);
            writeLines(dataDirectory.resolve(String.format("run-%03d.out", index)), child.received());
            final Run run = parse(index, child.pid(), plan, paused, child.received(), exit);
            System.out.printf("run %d pid %d (%s): %s; killed %s; recovered sequence %d (%d replayed), " +
                "%d acks, %d cancel reports, exit %d%n", index, run.pid(), mode,
                readyMillis < 0 ? "early kill" : "READY after " + readyMillis + " ms",
                plan.describe(paused), run.recoveredSequence(), run.replayedCommands(), run.acks().size(),
                run.cancels().size(), exit);
            return run;
        }
        finally
        {
            child.destroy();
        }
    }

    private static void awaitUntil(final ChildNode child, final long deadline)
    {
        while (System.nanoTime() < deadline && !child.ended())
        {
            child.nextLine(deadline);
        }
    }

    /**
     * @return whether the child printed PAUSED before the deadline (the point may not come in a short run).
     */
    private static boolean awaitPaused(final ChildNode child, final long deadline)
    {
        while (System.nanoTime() < deadline && !child.ended())
        {
            final String line = child.nextLine(deadline);
            if (line != null && line.startsWith(CrashTestNode.PAUSED + ' '))
            {
                return true;
            }
        }
        return false;
    }

    private static Run parse(
        final int index, final long pid, final KillPlan plan, final boolean paused, final List<String> lines,
        final int exit)
    {
        final List<Report> acks = new ArrayList<>();
        final List<Report> cancels = new ArrayList<>();
        String[] ready = null;
        for (final String line : lines)
        {
            final String[] fields = line.split(" ");
            if (CrashTestNode.ACK.equals(fields[0]))
            {
                acks.add(Report.parse(fields, line));
            }
            else if (CrashTestNode.CXL.equals(fields[0]))
            {
                cancels.add(Report.parse(fields, line));
            }
            else if (CrashTestNode.PAUSED.equals(fields[0]))
            {
                assertThat(plan.kind()).as("run %d paused at a point it was not asked to", index)
                    .isEqualTo(KillPlan.Kind.AT_POINT);
                assertThat(line).isEqualTo(CrashTestNode.PAUSED + ' ' + plan.point() + ' ' + plan.occurrence());
            }
            else
            {
                assertThat(fields[0]).as("line '%s' of run %d", line, index).isEqualTo(CrashTestNode.READY);
                assertThat(fields).as("READY line of run %d", index).hasSize(5);
                assertThat(ready).as("second READY in run %d", index).isNull();
                assertThat(acks).as("reports before READY in run %d", index).isEmpty();
                ready = fields;
            }
        }
        if (ready == null)
        {
            assertThat(acks).as("reports of run %d, killed before READY", index).isEmpty();
            return new Run(index, pid, plan, paused, NO_READY, NO_READY, null, acks, cancels, exit);
        }
        return new Run(index, pid, plan, paused, Long.parseLong(ready[1]), Long.parseLong(ready[2]),
            new JournalReplay.Digest(Long.parseLong(ready[3]), Integer.parseInt(ready[4])), acks, cancels, exit);
    }

    private static void awaitReady(final ChildNode child, final int index, final Path dataDirectory)
    {
        final long deadline = System.nanoTime() + READY_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline && !child.ended())
        {
            final String line = child.nextLine(deadline);
            if (line != null)
            {
                assertThat(line).as("first line of run %d", index).startsWith(CrashTestNode.READY + ' ');
                return;
            }
        }
        final String state = child.ended() ? "it exited with " + child.kill(KILL_TIMEOUT_NANOS) :
            "still running after " + TimeUnit.NANOSECONDS.toSeconds(READY_TIMEOUT_NANOS) + " s, " +
            threadDump(child, index, dataDirectory);
        final String message = String.format("run %d (pid %d) printed no READY: %s; the end of run-%03d.err:%n%s",
            index, child.pid(), state, index, tail(dataDirectory.resolve(String.format("run-%03d.err", index)), 40));
        System.out.println(message);
        throw new AssertionError(message);
    }

    /**
     * Asks the JVM's own {@code jcmd} for the stuck child's threads, so a hang names where it waits.
     *
     * @return where the dump went, or why there is none.
     */
    private static String threadDump(final ChildNode child, final int index, final Path dataDirectory)
    {
        final Path dump = dataDirectory.resolve(String.format("run-%03d.threads", index));
        try
        {
            final Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(child.pid()), "Thread.print").redirectErrorStream(true).redirectOutput(dump.toFile())
                .start();
            if (!jcmd.waitFor(30, TimeUnit.SECONDS))
            {
                jcmd.destroyForcibly();
                return "jcmd did not answer in 30 s";
            }
            final List<String> lines = Files.readAllLines(dump);
            int main = -1;
            for (int i = 0; i < lines.size() && main < 0; i++)
            {
                main = lines.get(i).startsWith("\"main\"") ? i : -1;
            }
            return "threads in " + dump.getFileName() + (main < 0 ? "" : "; main thread:" + System.lineSeparator() +
                String.join(System.lineSeparator(), lines.subList(main, Math.min(lines.size(), main + 25))));
        }
        catch (final IOException ex)
        {
            return "no thread dump (" + ex + ")";
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "no thread dump (interrupted)";
        }
    }

    private static String tail(final Path file, final int count)
    {
        try
        {
            final List<String> lines = Files.readAllLines(file);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - count), lines.size()));
        }
        catch (final IOException ex)
        {
            return "(unreadable: " + ex + ")";
        }
    }

    private static void verify(
        final Path dataDirectory, final JournalArchive archive, final List<Run> runs, final int kills)
    {
        final Path data = dataDirectory.resolve("data");
        final NodeConfig config = CrashTestNode.config(data);
        final long firstLiveSegment = firstSegmentIndex(data.resolve("journal"));

        final EmbeddedNode node = EmbeddedNode.start(config, null, null);
        final long finalRecoveredSequence = node.recoveredSequence();
        node.close();
        final byte[] recoveredState = NodeState.engineSnapshot(node);
        final SnapshotStore.Loaded closingSnapshot = new SnapshotStore(data.resolve("snapshots")).latest();

        final Set<Long> restartSequences = new HashSet<>();
        runs.stream().filter(Run::ready).forEach(run -> restartSequences.add(run.recoveredSequence()));
        final JournalReplay replay = JournalReplay.of(archive.directory(), config.engine(), restartSequences);

        assertThat(runs).as("kills").hasSize(kills);
        for (final Run run : runs)
        {
            assertThat(run.exitValue()).as("exit value of run %d (pid %d): killed by SIGKILL", run.index(), run.pid())
                .isEqualTo(SIGKILL_EXIT);
        }
        assertThat(replay.malformed).as("journal records that are not valid commands").isZero();
        assertThat(replay.duplicateIds()).as("client order ids or request ids used twice").isZero();
        assertThat(replay.scan.lastSequence()).as("journal's last sequence").isEqualTo(finalRecoveredSequence);

        long previous = 0;
        for (int i = 0; i < runs.size(); i++)
        {
            final Run run = runs.get(i);
            if (i == 0)
            {
                assertThat(run.recoveredSequence()).as("first run starts empty").isZero();
            }
            final long recoveredByNextStart = nextRecoveredSequence(runs, i, finalRecoveredSequence);
            if (run.ready())
            {
                assertThat(run.recoveredSequence()).as("run %d recovered sequence", run.index())
                    .isGreaterThanOrEqualTo(previous);
                previous = run.recoveredSequence();
                assertThat(run.recovered()).as("state run %d recovered at sequence %d vs the journal replayed to there",
                    run.index(), run.recoveredSequence()).isEqualTo(replay.digests.get(run.recoveredSequence()));
            }
            assertReportsInJournal("ACK", run, run.acks(), replay.orders, recoveredByNextStart);
            assertReportsInJournal("CXL", run, run.cancels(), replay.cancels, recoveredByNextStart);
        }

        assertThat(recoveredState).as("state recovered by the last start vs the whole journal replayed")
            .isEqualTo(replay.finalState);
        assertThat(closingSnapshot).as("snapshot written when the last start closed").isNotNull();
        assertThat(closingSnapshot.sequence()).isEqualTo(finalRecoveredSequence);
        assertThat(closingSnapshot.payload()).as("closing snapshot vs the replay").isEqualTo(replay.finalState);

        final long runsKilledWhileTrading = runs.stream().filter(run -> run.plan().kind() == KillPlan.Kind.TIMED)
            .count();
        final long runsWithAcks = runs.stream()
            .filter(run -> run.plan().kind() == KillPlan.Kind.TIMED && !run.acks().isEmpty()).count();
        assertThat(runsWithAcks).as("runs killed after READY that acknowledged orders before their kill")
            .isGreaterThanOrEqualTo(runsKilledWhileTrading * 3 / 4);
        assertThat(runs.stream().flatMap(run -> run.acks().stream()).filter(
            ack -> !CrashTestNode.ACCEPTED.equals(ack.result()))).as("rejected orders among the acks").isNotEmpty();
        assertThat(runs.stream().filter(run -> run.recoveredSequence() > run.replayedCommands()))
            .as("restarts through a snapshot plus a journal tail").isNotEmpty();
        assertThat(replay.scan.lastSegmentIndex()).as("journal segments rolled").isPositive();
        assertThat(firstLiveSegment).as("first segment left in the journal: covered segments were deleted")
            .isPositive();
        assertThat(runs.stream().filter(run -> run.paused() && run.plan().point().name().startsWith("SNAPSHOT")))
            .as("runs killed in the middle of a snapshot write or its pruning").isNotEmpty();
        assertThat(runs.stream().filter(run -> run.paused() && run.plan().point() == CrashPoint.SEGMENT_DELETED))
            .as("runs killed in the middle of deleting covered segments").isNotEmpty();
    }

    private static long firstSegmentIndex(final Path journal)
    {
        try (Stream<Path> files = Files.list(journal))
        {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".dxj")).sorted()
                .findFirst().map(name -> Long.parseLong(name.substring("journal-".length(), name.length() - 4), 16))
                .orElseThrow();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + journal, ex);
        }
    }

    /**
     * @return the sequence the next start that printed READY recovered to (or the last, in-process, start): the
     * journal is append-only, so whatever was acknowledged before a kill must be at or below it.
     */
    private static long nextRecoveredSequence(final List<Run> runs, final int index, final long lastStart)
    {
        for (int i = index + 1; i < runs.size(); i++)
        {
            if (runs.get(i).ready())
            {
                return runs.get(i).recoveredSequence();
            }
        }
        return lastStart;
    }

    private static void assertReportsInJournal(
        final String kind, final Run run, final List<Report> reports, final Map<Long, JournalReplay.Outcome> journal,
        final long recoveredByNextStart)
    {
        for (final Report report : reports)
        {
            final JournalReplay.Outcome outcome = journal.get(report.id());
            assertThat(outcome).as("%s %s of run %d is in the journal", kind, report, run.index()).isNotNull();
            assertThat(new Report(outcome.account(), report.id(), outcome.orderId(), outcome.result()))
                .as("%s of run %d vs its replayed outcome at sequence %d", kind, run.index(), outcome.sequence())
                .isEqualTo(report);
            assertThat(outcome.sequence()).as("%s %s of run %d recovered by the next start", kind, report, run.index())
                .isLessThanOrEqualTo(recoveredByNextStart);
        }
    }

    private static Path newDataDirectory(final long seed, final int kills)
    {
        final Path target = Path.of(System.getProperty("basedir", "."), "target", "crash-recovery");
        try
        {
            Files.createDirectories(target);
            return Files.createTempDirectory(target, String.format("kills-%d-seed-%d-", kills, seed));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create a data directory under " + target, ex);
        }
    }

    private static void writeLines(final Path file, final List<String> lines)
    {
        try
        {
            Files.write(file, lines);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    private static void deleteRecursively(final Path directory)
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete " + directory, ex);
        }
    }
}
