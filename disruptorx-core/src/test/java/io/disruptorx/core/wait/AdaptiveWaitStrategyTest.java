package io.disruptorx.core.wait;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class AdaptiveWaitStrategyTest
{
    private static final class Slot
    {
        long value;
    }

    /** A thread blocked in {@code barrier.waitFor(sequence)}: when it returned and what it threw. */
    private static final class Waiter
    {
        private final AtomicLong wokeAt = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread;

        private Waiter(final SequenceBarrier barrier, final long sequence)
        {
            thread = new Thread(() ->
            {
                try
                {
                    barrier.waitFor(sequence);
                    wokeAt.set(System.nanoTime());
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            });
            thread.start();
        }

        private boolean parked()
        {
            return thread.getState() == Thread.State.TIMED_WAITING;
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldWakeAParkedWaiterOnSignalLongBeforeItsParkTimeout() throws Exception
    {
        final long oneSecond = 1_000_000_000L;
        final AdaptiveWaitStrategy strategy = new AdaptiveWaitStrategy(10, 2, oneSecond, oneSecond);
        final RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 8, strategy);
        final SequenceBarrier barrier = ring.newBarrier();
        final Waiter waiter = new Waiter(barrier, 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> strategy.parkedWaiters() == 1);
        final long publishedAt = System.nanoTime();
        ring.publish(ring.next());
        waiter.thread.join(5_000);

        assertThat(waiter.failure.get()).isNull();
        assertThat(waiter.thread.isAlive()).as("the waiter returned from waitFor").isFalse();
        assertThat(waiter.wokeAt.get()).as("the waiter woke after the publish").isGreaterThanOrEqualTo(publishedAt);
        assertThat(waiter.wokeAt.get() - publishedAt).as("woken by the signal, not by the 1 s park timeout")
            .isLessThan(200_000_000L);
        assertThat(strategy.parkedWaiters()).isZero();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldWakeAWaiterAgainAfterASignalThatDidNotReachItsSequence() throws Exception
    {
        final long oneSecond = 1_000_000_000L;
        final AdaptiveWaitStrategy strategy = new AdaptiveWaitStrategy(0, 0, oneSecond, oneSecond);
        final RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 8, strategy);
        final SequenceBarrier barrier = ring.newBarrier();
        final Waiter waiter = new Waiter(barrier, 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> strategy.parkedWaiters() == 1 && waiter.parked());
        ring.publish(ring.next());
        await().atMost(Duration.ofSeconds(5)).until(() -> strategy.parkedWaiters() == 1 && waiter.parked());
        final long publishedAt = System.nanoTime();
        ring.publish(ring.next());
        waiter.thread.join(5_000);

        assertThat(waiter.failure.get()).isNull();
        assertThat(waiter.thread.isAlive()).as("the waiter returned from waitFor").isFalse();
        assertThat(waiter.wokeAt.get() - publishedAt)
            .as("the second publish woke the re-registered waiter, not its 1 s park timeout")
            .isLessThan(200_000_000L);
        assertThat(strategy.parkedWaiters()).isZero();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldLeaveTheParkPhaseWhenTheBarrierIsAlerted() throws Exception
    {
        final AdaptiveWaitStrategy strategy = new AdaptiveWaitStrategy(0, 0, 1_000_000_000L, 1_000_000_000L);
        final RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 8, strategy);
        final SequenceBarrier barrier = ring.newBarrier();
        final Waiter waiter = new Waiter(barrier, 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> strategy.parkedWaiters() == 1);
        barrier.alert();
        waiter.thread.join(500);
        assertThat(waiter.thread.isAlive()).isFalse();
        assertThat(waiter.failure.get()).isInstanceOf(AlertException.class);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldCarryAPipelineOfManyMoreThreadsThanCores() throws Exception
    {
        final Disruptor<Slot> disruptor = new Disruptor<>(Slot::new, 1024, DaemonThreadFactory.INSTANCE,
            ProducerType.SINGLE, AdaptiveWaitStrategy.defaults());
        final AtomicLong sum = new AtomicLong();
        final EventHandler<Slot> stage = (slot, sequence, endOfBatch) -> slot.value++;
        disruptor.handleEventsWith(stage).then((slot, sequence, endOfBatch) -> slot.value++)
            .then((slot, sequence, endOfBatch) -> sum.addAndGet(slot.value));
        final RingBuffer<Slot> ring = disruptor.start();
        for (int i = 0; i < 200_000; i++)
        {
            final long sequence = ring.next();
            ring.get(sequence).value = 0;
            ring.publish(sequence);
        }
        disruptor.shutdown(10, TimeUnit.SECONDS);
        assertThat(sum.get()).isEqualTo(400_000L);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldNotLeaveALaterStageWaitingForItsParkTimeoutWhenTheProducerIsQuiet() throws Exception
    {
        final long oneSecond = 1_000_000_000L;
        final Disruptor<Slot> disruptor = new Disruptor<>(Slot::new, 8, DaemonThreadFactory.INSTANCE,
            ProducerType.SINGLE, new AdaptiveWaitStrategy(0, 0, oneSecond, oneSecond));
        final CountDownLatch firstStageHolding = new CountDownLatch(1);
        final CountDownLatch releaseFirstStage = new CountDownLatch(1);
        final AtomicLong secondStageSawAt = new AtomicLong();
        final AtomicLong firstStageDoneAt = new AtomicLong();
        disruptor.handleEventsWith((EventHandler<Slot>) (slot, sequence, endOfBatch) ->
        {
            firstStageHolding.countDown();
            releaseFirstStage.await();
            firstStageDoneAt.set(System.nanoTime());
        }).then((slot, sequence, endOfBatch) -> secondStageSawAt.set(System.nanoTime()));
        final RingBuffer<Slot> ring = disruptor.start();
        ring.publish(ring.next());
        firstStageHolding.await();
        releaseFirstStage.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> secondStageSawAt.get() != 0);
        disruptor.halt();

        assertThat(secondStageSawAt.get() - firstStageDoneAt.get())
            .as("stage 2 noticed stage 1's progress without a producer signal, well before the 1 s park")
            .isLessThan(100_000_000L);
    }

    @Test
    void shouldValidateBounds()
    {
        assertThatThrownBy(() -> new AdaptiveWaitStrategy(-1, 0, 1, 1)).hasMessageContaining("spinTries");
        assertThatThrownBy(() -> new AdaptiveWaitStrategy(0, -1, 1, 1)).hasMessageContaining("yieldTries");
        assertThatThrownBy(() -> new AdaptiveWaitStrategy(0, 0, 10, 5)).hasMessageContaining("minParkNanos");
        assertThatThrownBy(() -> new AdaptiveWaitStrategy(0, 0, 1, 2_000_000_000L))
            .hasMessageContaining("maxParkNanos <= 1s");
        final AdaptiveWaitStrategy small = AdaptiveWaitStrategy.forCores(2);
        final AdaptiveWaitStrategy big = AdaptiveWaitStrategy.forCores(16);
        assertThat(small.spinTries()).isLessThan(big.spinTries());
        assertThat(small.maxParkNanos()).isEqualTo(1_000_000L);
    }

    @Test
    void shouldPickDefaultsByCoreCount()
    {
        assertThat(WaitStrategies.defaultFor(3, 2)).isEqualTo(WaitStrategies.ADAPTIVE);
        assertThat(WaitStrategies.defaultFor(2, 2)).isEqualTo(WaitStrategies.YIELDING);
        assertThat(WaitStrategies.defaultFor(3, 8)).isEqualTo(WaitStrategies.BUSY_SPIN);
        assertThat(WaitStrategies.defaultFor(8, 8)).isEqualTo(WaitStrategies.YIELDING);
        assertThat(WaitStrategies.parse("busy-spin")).isEqualTo(WaitStrategies.BUSY_SPIN);
        assertThat(WaitStrategies.parse("Lite_Blocking")).isEqualTo(WaitStrategies.LITE_BLOCKING);
        assertThatThrownBy(() -> WaitStrategies.parse("turbo")).hasMessageContaining("expected one of");
        for (final WaitStrategies preset : WaitStrategies.values())
        {
            assertThat(preset.create()).isNotSameAs(preset.create());
        }
    }
}
