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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code EVERY_BATCH} with pipelined forces: a batch end only writes, the forcer thread forces what was written while
 * the appender goes on, and the published forced sequence is never ahead of a finished force (so a host that releases
 * a command only once it is covered releases nothing before it is on the device); a failed force stops the position
 * and fails the next batch end; rolls and closes wait for a force in progress.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PipelinedForcerTest
{
    @TempDir
    Path dir;

    @AfterEach
    void clearHook()
    {
        PipelinedForcer.beforeForce = null;
    }

    private JournalWriter open(final int segmentSize, final List<Long> replayed)
    {
        return JournalWriter.open(JournalConfig.durable(dir).withSegmentSize(segmentSize).withPipelinedForces(true),
            (sequence, buffer, offset, length) -> replayed.add(sequence));
    }

    private static void append(final JournalWriter writer, final long sequence, final int length)
    {
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[length]);
        payload.putLong(0, sequence);
        writer.append(sequence, payload, 0, length);
    }

    @Test
    void shouldPublishASequenceOnlyOnceAForceThatBeganAfterItsWriteHasFinished() throws Exception
    {
        final Semaphore deviceDone = new Semaphore(0);
        final CountDownLatch forceStarted = new CountDownLatch(1);
        PipelinedForcer.beforeForce = () ->
        {
            forceStarted.countDown();
            deviceDone.acquireUninterruptibly();
        };
        try (JournalWriter writer = open(JournalConfig.DEFAULT_SEGMENT_SIZE, new ArrayList<>()))
        {
            assertThat(writer.pipelined()).isTrue();
            append(writer, 1, 40);
            append(writer, 2, 40);
            assertThat(writer.endOfBatch()).as("a batch end only writes").isFalse();
            assertThat(forceStarted.await(10, TimeUnit.SECONDS)).as("the forcer starts at once").isTrue();
            append(writer, 3, 40);
            writer.endOfBatch();
            assertThat(writer.forcedSequence()).as("nothing published while the force runs").isZero();

            final AtomicLong waitedFor = new AtomicLong();
            final CountDownLatch covered = new CountDownLatch(1);
            final Thread consumer = new Thread(() ->
            {
                if (writer.awaitForced(2, null))
                {
                    waitedFor.set(writer.forcedSequence());
                    covered.countDown();
                }
            }, "test-consumer");
            consumer.start();
            assertThat(covered.await(200, TimeUnit.MILLISECONDS)).as("the consumer waits while the force runs")
                .isFalse();

            deviceDone.release();
            assertThat(covered.await(10, TimeUnit.SECONDS)).as("woken once a force covers it").isTrue();
            assertThat(waitedFor.get()).as("the first force covers what was written before it began, not 3")
                .isEqualTo(2);
            consumer.join();
            deviceDone.release();
            assertThat(writer.awaitForced(3, null)).isTrue();
            assertThat(writer.forcedSequence()).as("the next force covers the batch written during the first")
                .isEqualTo(3);
            assertThat(writer.forces()).isEqualTo(2);
            deviceDone.release(100);
        }
    }

    @Test
    void shouldNeverPublishAheadOfTheDeviceWhateverTheForcesTakeAcrossRollsAndRecoverEveryRecord()
    {
        final SplittableRandom random = new SplittableRandom(42);
        final AtomicLong written = new AtomicLong();
        final SplittableRandom device = new SplittableRandom(7);
        final AtomicLong lastCovered = new AtomicLong();
        PipelinedForcer.beforeForce = () ->
        {
            lastCovered.set(written.get());
            LockSupport.parkNanos(device.nextLong(300_000));
        };
        long sequence = 0;
        int aheadSeen = 0;
        long rolledAt = 0;
        try (JournalWriter writer = open(64 * 1024, new ArrayList<>()))
        {
            for (int batch = 0; batch < 3_000; batch++)
            {
                for (int i = random.nextInt(1, 8); i > 0; i--)
                {
                    append(writer, ++sequence, random.nextInt(8, 600));
                }
                if (writer.retiredSegmentWaiting())
                {
                    writer.releaseRetiredSegment();
                    rolledAt = sequence - 1;
                }
                written.set(sequence);
                writer.endOfBatch();
                final long published = writer.forcedSequence();
                if (published < sequence)
                {
                    aheadSeen++;
                }
                assertThat(published).as("published forced sequence: written before a force began, or by a roll")
                    .isLessThanOrEqualTo(Math.max(lastCovered.get(), rolledAt));
                if (random.nextInt(20) == 0)
                {
                    assertThat(writer.awaitForced(sequence, null)).isTrue();
                    assertThat(writer.forcedSequence()).isGreaterThanOrEqualTo(sequence);
                }
            }
            assertThat(aheadSeen).as("the appender went on while forces ran").isPositive();
        }
        PipelinedForcer.beforeForce = null;
        final List<Long> replayed = new ArrayList<>();
        try (JournalWriter reopened = open(64 * 1024, replayed))
        {
            assertThat(reopened.recovered().tornTailOffset()).as("no torn tail").isNegative();
            assertThat(reopened.lastSequence()).isEqualTo(sequence);
        }
        assertThat(replayed).hasSize((int)sequence);
        for (int i = 0; i < replayed.size(); i++)
        {
            assertThat(replayed.get(i)).isEqualTo(i + 1L);
        }
    }

    @Test
    void shouldHoldARollWhileAForceRunsAndNeverForceAClosedFile() throws Exception
    {
        final Semaphore deviceDone = new Semaphore(0);
        final AtomicInteger forcesStarted = new AtomicInteger();
        PipelinedForcer.beforeForce = () ->
        {
            forcesStarted.incrementAndGet();
            deviceDone.acquireUninterruptibly();
        };
        try (JournalWriter writer = open(64 * 1024, new ArrayList<>()))
        {
            append(writer, 1, 1_000);
            writer.endOfBatch();
            final AtomicBoolean rolled = new AtomicBoolean();
            final CountDownLatch appended = new CountDownLatch(1);
            final Thread appender = new Thread(() ->
            {
                long sequence = 1;
                while (writer.size() < 64 * 1024 + 4096)
                {
                    append(writer, ++sequence, 1_000);
                }
                rolled.set(true);
                writer.endOfBatch();
                appended.countDown();
            }, "test-appender");
            appender.start();
            assertThat(appended.await(300, TimeUnit.MILLISECONDS)).as("the roll waits for the force in progress")
                .isFalse();
            assertThat(rolled.get()).isFalse();
            deviceDone.release(1_000);
            assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
            appender.join();
            assertThat(writer.awaitForced(writer.lastSequence(), null)).as("no force failed on a closed file")
                .isTrue();
        }
    }

    @Test
    void shouldStopThePublishedPositionAndFailTheNextBatchEndWhenAForceFails() throws Exception
    {
        final AtomicBoolean fail = new AtomicBoolean();
        PipelinedForcer.beforeForce = () ->
        {
            if (fail.get())
            {
                throw new UncheckedIOException(new IOException("fdatasync: Input/output error"));
            }
        };
        final JournalWriter writer = open(JournalConfig.DEFAULT_SEGMENT_SIZE, new ArrayList<>());
        append(writer, 1, 40);
        writer.endOfBatch();
        assertThat(writer.awaitForced(1, null)).isTrue();
        fail.set(true);
        append(writer, 2, 40);
        writer.endOfBatch();
        assertThat(writer.awaitForced(2, null)).as("never covered: the force failed").isFalse();
        assertThat(writer.forcedSequence()).isEqualTo(1);
        append(writer, 3, 40);
        assertThatThrownBy(writer::endOfBatch).isInstanceOf(UncheckedIOException.class)
            .hasMessageContaining("Input/output error");
        assertThat(writer.forcedSequence()).as("a later force never publishes past a failed one").isEqualTo(1);
        assertThatThrownBy(writer::close).isInstanceOf(UncheckedIOException.class);
    }
}
