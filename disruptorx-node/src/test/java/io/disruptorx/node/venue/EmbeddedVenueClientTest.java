package io.disruptorx.node.venue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.TradeDecoder;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded node's venue client on its own: commands in, every execution event out exactly once and in order,
 * within the poll limit, without allocating, and out of the ring's way once closed; each command's end signalled
 * after its last event, also when a poll stops inside a command.
 */
@Timeout(60)
class EmbeddedVenueClientTest
{
    private static final int ORDERS = 3_000;

    @TempDir
    Path dir;

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[128]);
    private final Recorder recorder = new Recorder(2 * ORDERS);
    private EmbeddedNode node;
    private int largestPoll;

    @BeforeEach
    void setUp()
    {
        node = EmbeddedNode.start(NodeConfig.defaults(dir).withSegmentSize(1024 * 1024).withRingSizes(1024, 1024),
            null, null);
        NodeVenueSetup.list(node);
    }

    @AfterEach
    void tearDown()
    {
        node.close();
    }

    @Test
    void shouldDeliverEveryExecutionEventOnceInOrderWithinThePollLimit()
    {
        try (VenueClient client = node.newVenueClient())
        {
            sendAndCollect(client, 1, ORDERS);
            assertThat(recorder.count).isEqualTo(ORDERS);
            for (int i = 0; i < ORDERS; i++)
            {
                assertThat(recorder.clientOrderIds[i]).isEqualTo(i + 1);
                if (i > 0)
                {
                    assertThat(recorder.commandSequences[i]).isGreaterThan(recorder.commandSequences[i - 1]);
                }
            }
            assertThat(largestPoll).isEqualTo(7);
        }
    }

    @Test
    void shouldSignalEachCommandsEndAfterItsLastEvent()
    {
        final Ends ends = new Ends();
        try (VenueClient client = node.newVenueClient())
        {
            assertThat(client.signalsCommandEnd()).isTrue();
            long clientOrderId = 1;
            long lastSweep = 0;
            for (int round = 0; round < 20; round++)
            {
                for (int level = 0; level < 3; level++)
                {
                    offer(client, encoder.newOrder(command, 0, 0, 2, clientOrderId++, 1, Side.SELL, OrderType.LIMIT,
                        TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST, 9_000 + 10 * round + level,
                        1 + level));
                }
                lastSweep = offer(client, encoder.newOrder(command, 0, 0, 1, clientOrderId++, 1, Side.BUY,
                    OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST, 9_002 + 10 * round,
                    10));
                ends.pollAll(client, 1);
            }
            final long sweep = lastSweep;
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (ends.endedThrough < sweep && System.nanoTime() < deadline)
            {
                ends.pollAll(client, 1);
            }
        }
        assertThat(ends.violations).as("events of a command that had already ended").isZero();
        assertThat(ends.endedThrough).as("the last sweep's end").isPositive();
        assertThat(ends.commandsWithEvents).as("commands with events").isEqualTo(80);
        assertThat(ends.commandsEnded).as("ends of commands with execution events").isEqualTo(80);
        assertThat(ends.sweeps).as("sweeps ended after their acceptance and three trades").isEqualTo(20);
    }

    private long offer(final VenueClient client, final int length)
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        long taken;
        while ((taken = client.offer(command, 0, length)) <= 0)
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("the venue refused a command: " + taken);
            }
            Thread.yield();
        }
        return taken;
    }

    @Test
    void shouldNotAllocatePerCommandOrEvent()
    {
        try (VenueClient client = node.newVenueClient())
        {
            sendAndCollect(client, 1, ORDERS);
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            final long before = threads.getCurrentThreadAllocatedBytes();
            sendAndCollect(client, ORDERS + 1, ORDERS);
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(recorder.count).isEqualTo(2 * ORDERS);
            assertThat(allocated).as("bytes allocated for %d commands and their events", ORDERS).isLessThan(4096);
        }
    }

    @Test
    void shouldRefuseAfterCloseAndNoLongerHoldTheRingBack()
    {
        final VenueClient client = node.newVenueClient();
        client.close();
        command.putLong(0, 0);
        assertThat(client.offer(command, 0, encodeOrder(1))).isEqualTo(VenueClient.CLOSED);
        assertThat(client.poll(recorder, 10)).isZero();

        final NodeClient producer = node.newClient(true);
        long last = 0;
        for (int i = 1; i <= ORDERS; i++)
        {
            last = producer.newOrder(1, i, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_NEWEST, 9_000 + i % 500, 1);
        }
        final long lastSequence = last;
        NodeVenueSetup.await(() -> node.appliedSequence() >= lastSequence, "the engine to apply every order");
    }

    private void sendAndCollect(final VenueClient client, final long firstId, final int orders)
    {
        final long target = recorder.count + orders;
        long next = firstId;
        final long end = firstId + orders;
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (recorder.count < target)
        {
            if (next < end && client.offer(command, 0, encodeOrder(next)) > 0)
            {
                next++;
            }
            largestPoll = Math.max(largestPoll, client.poll(recorder, 7));
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("events stopped at " + recorder.count);
            }
        }
    }

    private int encodeOrder(final long clientOrderId)
    {
        return encoder.newOrder(command, 0, 0, 1, clientOrderId, 1, Side.BUY, OrderType.LIMIT, TimeInForce.IOC,
            false, SelfTradePrevention.CANCEL_NEWEST, 9_000, 1);
    }

    /**
     * Keeps the accepted orders' ids and command sequences in preallocated arrays.
     */
    private static final class Recorder implements VenueEventHandler
    {
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder();
        private final long[] clientOrderIds;
        private final long[] commandSequences;
        private int count;

        Recorder(final int capacity)
        {
            clientOrderIds = new long[capacity];
            commandSequences = new long[capacity];
        }

        @Override
        public void onEvent(final long commandSequence, final DirectBuffer buffer, final int offset, final int length)
        {
            header.wrap(buffer, offset);
            if (header.templateId() == OrderAcceptedDecoder.TEMPLATE_ID)
            {
                accepted.wrapAndApplyHeader(buffer, offset, header);
                clientOrderIds[count] = accepted.clientOrderId();
                commandSequences[count] = commandSequence;
                count++;
            }
        }
    }

    /**
     * Checks the end signals against the events: every event belongs to a command not yet ended, ends increase,
     * and a sweep's end comes after its acceptance and its three trades.
     */
    private static final class Ends implements VenueEventHandler
    {
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private long currentCommand;
        private int currentTrades;
        private boolean currentAccepted;
        private long endedThrough;
        private int violations;
        private int commandsWithEvents;
        private int commandsEnded;
        private int sweeps;

        void pollAll(final VenueClient client, final int limit)
        {
            while (client.poll(this, limit) > 0)
            {
                Thread.onSpinWait();
            }
        }

        @Override
        public void onEvent(final long commandSequence, final DirectBuffer buffer, final int offset, final int length)
        {
            if (commandSequence <= endedThrough)
            {
                violations++;
            }
            if (commandSequence != currentCommand)
            {
                currentCommand = commandSequence;
                currentTrades = 0;
                currentAccepted = false;
                commandsWithEvents++;
            }
            header.wrap(buffer, offset);
            if (header.templateId() == OrderAcceptedDecoder.TEMPLATE_ID)
            {
                currentAccepted = true;
            }
            else if (header.templateId() == TradeDecoder.TEMPLATE_ID)
            {
                currentTrades++;
            }
        }

        @Override
        public void onCommandEnd(final long commandSequence)
        {
            if (commandSequence <= endedThrough)
            {
                violations++;
            }
            endedThrough = commandSequence;
            if (commandSequence == currentCommand)
            {
                commandsEnded++;
                if (currentAccepted && currentTrades == 3)
                {
                    sweeps++;
                }
            }
        }
    }
}
