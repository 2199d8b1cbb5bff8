package io.disruptorx.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code INTERVAL} forced on the forcer's thread keeps the promise of the appender forcing itself: when a batch end
 * returns (its commands may be reported), every batch not yet on the device ended less than the interval before;
 * while the forcer is stalled the batch end waits, and a force shorter than half the interval never holds it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IntervalForcerTest
{
    private static final long INTERVAL = 1_000_000;

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong();
    private final Semaphore deviceDone = new Semaphore(0);
    private final AtomicInteger forcesStarted = new AtomicInteger();
    private final CountDownLatch firstForceStarted = new CountDownLatch(1);

    private void stalledForce()
    {
        forcesStarted.incrementAndGet();
        firstForceStarted.countDown();
        deviceDone.acquireUninterruptibly();
    }

    @Test
    void shouldHoldTheBatchEndWhileTheOldestUnforcedBatchIsAnIntervalOldAndTheForcerIsStalled() throws Exception
    {
        try (IntervalForcer forcer = new IntervalForcer(INTERVAL, now::get, this::stalledForce, "test-forcer"))
        {
            now.set(100_000);
            forcer.batchEnd(1, true);
            assertThat(forcesStarted.get()).as("not yet half an interval old: no force requested").isZero();
            now.set(600_000);
            forcer.batchEnd(2, true);
            assertThat(firstForceStarted.await(10, TimeUnit.SECONDS)).as("force requested at half the interval")
                .isTrue();
            now.set(1_099_999);
            forcer.batchEnd(3, true);

            now.set(1_100_000);
            final CountDownLatch returned = new CountDownLatch(1);
            final Thread appender = new Thread(() ->
            {
                forcer.batchEnd(4, true);
                returned.countDown();
            }, "test-appender");
            appender.start();
            assertThat(returned.await(300, TimeUnit.MILLISECONDS))
                .as("no batch released once the oldest unforced one is an interval old, the forcer stalled").isFalse();
            assertThat(forcer.forcedSequence()).as("nothing published while the force runs").isZero();

            deviceDone.release();
            assertThat(returned.await(10, TimeUnit.SECONDS)).as("released once the force covered it").isTrue();
            appender.join();
            assertThat(forcer.forces()).isEqualTo(1);
            assertThat(forcer.forcedSequence()).as("published: what was written when the force was requested")
                .isEqualTo(2);
            assertThat(forcesStarted.get()).as("the batch of 1.1 ms is young enough: no second force yet").isEqualTo(1);
        }
    }

    @Test
    void shouldNeverReleaseABatchWhileAnUnforcedBatchIsAnIntervalOldWhateverTheForcesTake() throws Exception
    {
        final SplittableRandom random = new SplittableRandom(42);
        final int batches = 3_000;
        final long[] ended = new long[batches];
        final AtomicInteger written = new AtomicInteger();
        final AtomicInteger durable = new AtomicInteger();
        final SplittableRandom device = new SplittableRandom(7);
        final IntervalForcer.Force force = () ->
        {
            final int covered = written.get();
            LockSupport.parkNanos(device.nextLong(3_000_000));
            durable.set(covered);
        };
        int releasedAhead = 0;
        try (IntervalForcer forcer = new IntervalForcer(INTERVAL, now::get, force, "test-forcer"))
        {
            for (int i = 0; i < batches; i++)
            {
                now.addAndGet(random.nextLong(300_000));
                ended[i] = now.get();
                written.set(i + 1);
                forcer.batchEnd(i + 1, true);
                final long published = forcer.forcedSequence();
                final int oldestUnforced = durable.get();
                assertThat(published).as("published forced sequence on the device").isLessThanOrEqualTo(oldestUnforced);
                if (oldestUnforced <= i)
                {
                    releasedAhead++;
                    assertThat(now.get() - ended[oldestUnforced])
                        .as("batch %d released while batch %d, unforced, ended %d ns before", i, oldestUnforced,
                            now.get() - ended[oldestUnforced]).isLessThan(INTERVAL);
                }
            }
            assertThat(forcer.forces()).isPositive();
            assertThat(forcer.forcedSequence()).isPositive();
        }
        assertThat(releasedAhead).as("batches released before their force finished (the forcer works aside)")
            .isGreaterThan(batches / 2);
    }

    @Test
    void shouldReportAFailedForceAtTheNextBatchEnd()
    {
        final IntervalForcer.Force failing = () ->
        {
            throw new UncheckedIOException(new IOException("fdatasync: Input/output error"));
        };
        try (IntervalForcer forcer = new IntervalForcer(INTERVAL, now::get, failing, "test-forcer"))
        {
            forcer.batchEnd(1, true);
            now.set(INTERVAL / 2);
            forcer.batchEnd(2, true);
            now.set(INTERVAL);
            assertThatThrownBy(() -> forcer.batchEnd(3, true)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Input/output error");
            assertThatThrownBy(forcer::awaitIdle).isInstanceOf(UncheckedIOException.class);
        }
    }

    @Test
    void shouldJournalEveryRecordThroughRollsWithForcesOnTheForcerThread()
    {
        final JournalConfig config = JournalConfig.durable(dir).withSegmentSize(64 * 1024)
            .withForcePolicy(ForcePolicy.INTERVAL, INTERVAL).withNanoClock(now::get).withForcer(true);
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[200]);
        try (JournalWriter writer = JournalWriter.open(config, (sequence, buffer, offset, length) -> { }))
        {
            for (int batch = 0; batch < 500; batch++)
            {
                for (int i = 0; i < 5; i++)
                {
                    final long sequence = writer.lastSequence() + 1;
                    payload.putLong(0, sequence);
                    writer.append(sequence, payload, 0, payload.capacity());
                }
                now.addAndGet(200_000);
                assertThat(writer.endOfBatch()).as("the appender does not force").isFalse();
            }
            assertThat(writer.forces()).as("forces the gate waited for, 100 ms of batches at 1 ms").isPositive();
            assertThat(writer.forcedSequence()).as("the forced position published by the forcer or a roll")
                .isPositive().isLessThanOrEqualTo(writer.lastSequence());
        }
        final List<Long> sequences = new ArrayList<>();
        JournalReader.read(dir, (sequence, buffer, offset, length) -> sequences.add(sequence));
        assertThat(sequences).hasSize(2_500).startsWith(1L).endsWith(2_500L);
        assertThat(JournalReader.segmentFiles(dir)).as("rolled while the forcer ran").hasSizeGreaterThan(5);
    }

    /**
     * A roll (and with it the close of the segment's file) waits for a force in progress on the forcer thread: the
     * segment being forced is never switched away from, closed or handed over for deletion under the force.
     */
    @Test
    void shouldNotRollAwayFromTheSegmentWhileTheForcerIsForcingIt() throws Exception
    {
        final CountDownLatch forcing = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);
        final AtomicBoolean armed = new AtomicBoolean();
        IntervalForcer.beforeForce = () ->
        {
            if (armed.compareAndSet(true, false))
            {
                forcing.countDown();
                awaitUninterruptibly(resume);
            }
        };
        final JournalConfig config = JournalConfig.durable(dir).withSegmentSize(64 * 1024)
            .withForcePolicy(ForcePolicy.INTERVAL, INTERVAL).withNanoClock(now::get).withForcer(true);
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[200]);
        final int fit = (64 * 1024 - JournalFormat.SEGMENT_HEADER_LENGTH) / JournalFormat.recordLength(200);
        try (JournalWriter writer = JournalWriter.open(config, (sequence, buffer, offset, length) -> { }))
        {
            append(writer, payload, fit - 1);
            writer.endOfBatch();
            armed.set(true);
            now.set(INTERVAL / 2);
            append(writer, payload, 1);
            writer.endOfBatch();
            assertThat(forcing.await(10, TimeUnit.SECONDS)).as("the forcer started a force of the first segment")
                .isTrue();

            final CountDownLatch rolled = new CountDownLatch(1);
            final Thread appender = new Thread(() ->
            {
                append(writer, payload, 5);
                rolled.countDown();
            }, "test-appender");
            appender.start();
            assertThat(rolled.await(300, TimeUnit.MILLISECONDS)).as("the roll waits for the force in progress")
                .isFalse();
            assertThat(JournalReader.segmentFiles(dir)).as("no segment switched to under the force").hasSize(1);

            resume.countDown();
            assertThat(rolled.await(10, TimeUnit.SECONDS)).as("rolled once the force finished").isTrue();
            appender.join();
            assertThat(JournalReader.segmentFiles(dir)).hasSize(2);
            assertThat(writer.forcedSequence()).as("the roll forced the first segment whole").isEqualTo(fit);
            now.set(3 * INTERVAL);
            writer.endOfBatch();
        }
        finally
        {
            IntervalForcer.beforeForce = null;
            resume.countDown();
        }
        final List<Long> sequences = new ArrayList<>();
        JournalReader.read(dir, (sequence, buffer, offset, length) -> sequences.add(sequence));
        assertThat(sequences).hasSize(fit + 5).startsWith(1L).endsWith(fit + 5L);
    }

    private static void append(final JournalWriter writer, final UnsafeBuffer payload, final int records)
    {
        for (int i = 0; i < records; i++)
        {
            final long sequence = writer.lastSequence() + 1;
            payload.putLong(0, sequence);
            writer.append(sequence, payload, 0, payload.capacity());
        }
    }

    private static void awaitUninterruptibly(final CountDownLatch latch)
    {
        boolean interrupted = false;
        while (true)
        {
            try
            {
                latch.await();
                break;
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }
}
