package io.disruptorx.node.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.journal.Journal;
import io.disruptorx.journal.JournalConfig;
import io.disruptorx.journal.JournalReader;
import io.disruptorx.journal.JournalWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The journal step hands the deletion of segments a snapshot covers to the background thread: a batch end (on the
 * node's duty cycle in {@code shared} mode) never unlinks a file itself.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalStepTest
{
    private static final int SEGMENT_SIZE = 64 * 1024;
    private static final int PAYLOAD = 100;

    @TempDir
    Path dir;

    private final ExecutorService background =
        Executors.newSingleThreadExecutor(work -> new Thread(work, "test-background"));
    private final CommandSlot slot = new CommandSlot();
    private final CountDownLatch backgroundGate = new CountDownLatch(1);
    private JournalWriter writer;

    @AfterEach
    void stop() throws InterruptedException
    {
        backgroundGate.countDown();
        background.shutdown();
        assertThat(background.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        if (writer != null)
        {
            writer.close();
        }
    }

    private JournalStep step(final Journal journal)
    {
        return new JournalStep(journal, dir, background, new StageLatency(new MetricsRegistry(), false), 1024, 0,
            false);
    }

    private void batch(final JournalStep step)
    {
        for (int i = 0; i < 20; i++)
        {
            final long sequence = writer.lastSequence() + 1;
            slot.sequence = sequence;
            slot.length = PAYLOAD;
            slot.buffer.putLong(0, sequence);
            step.onEvent(slot, sequence);
        }
        step.onBatchEnd(writer.lastSequence());
    }

    private Path segment(final long index)
    {
        return dir.resolve(String.format("journal-%016x.dxj", index));
    }

    private void fillThreeSegments(final JournalStep step)
    {
        while (!Files.exists(segment(2)))
        {
            batch(step);
        }
    }

    private void holdBackgroundThread()
    {
        background.execute(() ->
        {
            try
            {
                backgroundGate.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void shouldHandCoveredSegmentsToTheBackgroundThreadInsteadOfDeletingThemAtTheBatchEnd()
    {
        writer = JournalWriter.open(JournalConfig.durable(dir).withSegmentSize(SEGMENT_SIZE), (s, b, o, l) -> { });
        final JournalStep step = step(writer);
        fillThreeSegments(step);
        holdBackgroundThread();

        step.allowSegmentDeletionUpTo(writer.lastSequence());
        batch(step);
        batch(step);

        assertThat(segment(0)).as("not deleted by the batch end, with the background thread busy").exists();
        assertThat(segment(1)).exists();
        backgroundGate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(segment(0)) && !Files.exists(segment(1)));
        assertThat(segment(2)).as("the segment being written is never deleted").exists();
        assertThat(step.deletionFailures()).isZero();

        batch(step);
        assertThat(step.journalBytes()).as("journal bytes without the deleted segments")
            .isLessThanOrEqualTo(SEGMENT_SIZE);
        final long last = writer.lastSequence();
        writer.close();
        writer = null;
        final List<Long> sequences = new ArrayList<>();
        JournalReader.read(dir, (sequence, buffer, offset, length) -> sequences.add(sequence));
        assertThat(sequences).as("what is left reads back whole").isNotEmpty().endsWith(last)
            .hasSize((int)(last - sequences.get(0) + 1));
    }

    @Test
    void shouldCountAFailedDeletionAndRetryItAfterALaterBatch()
    {
        writer = JournalWriter.open(JournalConfig.durable(dir).withSegmentSize(SEGMENT_SIZE), (s, b, o, l) -> { });
        final FaultyJournal faulty = new FaultyJournal();
        final JournalStep step = step(faulty.wrap(writer));
        fillThreeSegments(step);
        faulty.failDeletions(true);

        step.allowSegmentDeletionUpTo(writer.lastSequence());
        batch(step);
        await().atMost(Duration.ofSeconds(10)).until(() -> step.deletionFailures() > 0);
        assertThat(segment(0)).exists();

        faulty.failDeletions(false);
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() ->
        {
            batch(step);
            return !Files.exists(segment(1));
        });
        assertThat(segment(0)).doesNotExist();
        assertThat(segment(2)).exists();
    }
}
