package io.disruptorx.core.bus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deterministic check of the multi-producer batch ordering: every time the bus signals consumers (after each
 * partial publish), a probe barrier asks what a consumer could read from the batch's first slot. It must be nothing
 * of the batch or all of it. Publishing the first slot before the rest would fail this test.
 */
class TransactionVisibilityProbeTest
{
    /** Yields while waiting; probes visibility on every signal. */
    static final class ProbingWaitStrategy implements WaitStrategy
    {
        SequenceBarrier probe;
        long lo = -1;
        long hi = -1;
        final List<String> violations = new ArrayList<>();
        int signalsWithNothingVisible;
        int signalsWithAllVisible;

        @Override
        public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence,
            final SequenceBarrier barrier) throws AlertException
        {
            long available;
            while ((available = dependentSequence.get()) < sequence)
            {
                barrier.checkAlert();
                Thread.yield();
            }
            return available;
        }

        @Override
        public void signalAllWhenBlocking()
        {
            if (probe == null || lo < 0)
            {
                return;
            }
            try
            {
                final long visible = probe.waitFor(lo);
                if (visible < lo)
                {
                    signalsWithNothingVisible++;
                }
                else if (visible >= hi)
                {
                    signalsWithAllVisible++;
                }
                else
                {
                    violations.add("batch " + lo + ".." + hi + " visible up to " + visible);
                }
            }
            catch (final AlertException | InterruptedException | TimeoutException ex)
            {
                violations.add(ex.toString());
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldExposeAMultiProducerBatchAllAtOnceAtEverySignal()
    {
        final ProbingWaitStrategy strategy = new ProbingWaitStrategy();
        final EventBus bus = new EventBus();
        final Topic<TestEvent> topic = bus.createTopic(TopicConfig.builder("probe", TestEvent::new)
            .ringSize(64).waitStrategy(() -> strategy).build());
        bus.start();
        strategy.probe = topic.ring(0).newBarrier();
        final BatchTranslator<TestEvent, ProbingWaitStrategy> fill = (event, sequence, index, probe) ->
            event.index = index;
        int multiEventBatches = 0;
        for (int b = 0; b < 500; b++)
        {
            final int size = 1 + (b % 9);
            final long next = topic.ring(0).getCursor() + 1;
            strategy.lo = next;
            strategy.hi = next + size - 1;
            topic.publishBatch(0, size, fill, strategy);
            multiEventBatches += size > 1 ? 1 : 0;
        }
        bus.close();

        assertThat(strategy.violations).isEmpty();
        assertThat(strategy.signalsWithNothingVisible).as("signal after the tail, before the head")
            .isEqualTo(multiEventBatches);
        assertThat(strategy.signalsWithAllVisible).isEqualTo(500);
    }
}
