package io.disruptorx.core.id;

import java.util.Arrays;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.disruptorx.core.AllocationMeter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnowflakeIdGeneratorTest
{
    private static final long EPOCH = SnowflakeIdGenerator.DEFAULT_EPOCH_MILLIS;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldNeverCollideAcrossFourThreadsOnTwoNodes() throws Exception
    {
        final int perThread = 250_000;
        final SnowflakeIdGenerator[] nodes = {SnowflakeIdGenerator.forNode(1), SnowflakeIdGenerator.forNode(2)};
        final long[][] ids = new long[8][perThread];
        final CyclicBarrier go = new CyclicBarrier(8);
        final Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++)
        {
            final int index = t;
            final SnowflakeIdGenerator generator = nodes[t % 2];
            threads[t] = new Thread(() ->
            {
                try
                {
                    go.await();
                }
                catch (final Exception ex)
                {
                    throw new IllegalStateException(ex);
                }
                for (int i = 0; i < perThread; i++)
                {
                    ids[index][i] = i % 100 == 0 ? generator.nextRange(3, new IdRange()).idAt(2) : generator.nextId();
                }
            });
            threads[t].start();
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        for (final long[] perThreadIds : ids)
        {
            for (int i = 1; i < perThreadIds.length; i++)
            {
                assertThat(perThreadIds[i]).as("increasing within a thread").isGreaterThan(perThreadIds[i - 1]);
            }
        }
        final long[] all = Arrays.stream(ids).flatMapToLong(Arrays::stream).sorted().toArray();
        for (int i = 1; i < all.length; i++)
        {
            assertThat(all[i]).as("duplicate id at %d", i).isNotEqualTo(all[i - 1]);
        }
        assertThat(Arrays.stream(all).map(SnowflakeIdGenerator::nodeOf).distinct().sorted().toArray())
            .containsExactly(1, 2);
    }

    @Test
    void shouldStayMonotonicWhenTheClockGoesBack()
    {
        final AtomicLong clock = new AtomicLong(EPOCH + 10_000);
        final SnowflakeIdGenerator generator = new SnowflakeIdGenerator(5, EPOCH, clock::get);
        final long beforeJump = generator.nextId();
        clock.addAndGet(-5_000);
        long previous = beforeJump;
        for (int i = 0; i < 10_000; i++)
        {
            final long id = generator.nextId();
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
        assertThat(SnowflakeIdGenerator.timestampOf(previous)).as("kept the last timestamp, borrowing ahead")
            .isEqualTo(10_000 + 2);
        assertThat(generator.borrowedMillis()).isEqualTo(5_000 + 2);

        clock.set(EPOCH + 20_000);
        final long afterCatchUp = generator.nextId();
        assertThat(afterCatchUp).isGreaterThan(previous);
        assertThat(SnowflakeIdGenerator.timestampOf(afterCatchUp)).isEqualTo(20_000);
        assertThat(SnowflakeIdGenerator.sequenceOf(afterCatchUp)).isZero();
        assertThat(generator.borrowedMillis()).isZero();
    }

    @Test
    void shouldBorrowTheNextMillisecondAfter4096IdsAndRestartTheSequenceOnANewMillisecond()
    {
        final AtomicLong clock = new AtomicLong(EPOCH + 1);
        final SnowflakeIdGenerator generator = new SnowflakeIdGenerator(1023, EPOCH, clock::get);
        long last = 0;
        for (int i = 0; i < 4097; i++)
        {
            last = generator.nextId();
        }
        assertThat(SnowflakeIdGenerator.timestampOf(last)).isEqualTo(2);
        assertThat(SnowflakeIdGenerator.sequenceOf(last)).isZero();
        assertThat(SnowflakeIdGenerator.nodeOf(last)).isEqualTo(1023);
        clock.set(EPOCH + 3);
        final long next = generator.nextId();
        assertThat(SnowflakeIdGenerator.timestampOf(next)).isEqualTo(3);
        assertThat(SnowflakeIdGenerator.sequenceOf(next)).isZero();
    }

    @Test
    void shouldHandOutRangesThatDoNotOverlapSingleIds()
    {
        final AtomicLong clock = new AtomicLong(EPOCH + 100);
        final SnowflakeIdGenerator generator = new SnowflakeIdGenerator(3, EPOCH, clock::get);
        final IdRange range = new IdRange();
        final long before = generator.nextId();
        generator.nextRange(4096, range);
        final long after = generator.nextId();
        assertThat(range.size()).isEqualTo(4096);
        assertThat(range.idAt(0)).isGreaterThan(before);
        for (int i = 1; i < range.size(); i++)
        {
            assertThat(range.idAt(i)).isGreaterThan(range.idAt(i - 1));
        }
        assertThat(after).isGreaterThan(range.idAt(4095));
        assertThatThrownBy(() -> range.idAt(4096)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> generator.nextRange(4097, range)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseNodeIdsOutsideTenBits()
    {
        assertThatThrownBy(() -> SnowflakeIdGenerator.forNode(1024)).hasMessageContaining("0..1023");
        assertThatThrownBy(() -> SnowflakeIdGenerator.forNode(-1)).hasMessageContaining("0..1023");
    }

    @Test
    void shouldNotAllocateWhenGenerating()
    {
        final SnowflakeIdGenerator generator = SnowflakeIdGenerator.forNode(9);
        final IdRange range = new IdRange();
        final long[] sink = new long[1];
        final long bytes = AllocationMeter.measure(() ->
        {
            for (int i = 0; i < 100_000; i++)
            {
                sink[0] += generator.nextId();
                sink[0] += generator.nextRange(8, range).idAt(7);
            }
        });
        assertThat(bytes).isLessThan(1_024);
    }
}
