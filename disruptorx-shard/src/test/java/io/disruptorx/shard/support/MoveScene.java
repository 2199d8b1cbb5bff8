package io.disruptorx.shard.support;

import java.nio.file.Path;
import java.util.List;

import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.sbe.event.AdminResultDecoder;
import io.disruptorx.protocol.sbe.event.AdminType;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import static io.disruptorx.shard.support.ShardedVenue.BASE;
import static io.disruptorx.shard.support.ShardedVenue.QUOTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the move tests with more than one gateway start: {@link TwoGateways} over two shards, and the accounts
 * {@link #ALICE} and {@link #BOB}, each funded with {@link #DEPOSIT_BASE} and {@link #DEPOSIT_QUOTE} on each shard.
 * A test lists its instruments, rests its orders and keeps them ({@link #keepAccepted}) to name them later by client
 * order id ({@link #id}); it cancels through a gateway, reads the answers a gateway recorded and checks that the two
 * accounts' funds are conserved over both shards.
 */
public final class MoveScene
{
    /**
     * The first gateway: the one the orders at the start are kept from.
     */
    public static final int A = 0;
    /**
     * The second gateway.
     */
    public static final int B = 1;
    public static final long ALICE = 3;
    public static final long BOB = 4;
    public static final long DEPOSIT_BASE = 1_000;
    public static final long DEPOSIT_QUOTE = 1_000_000;

    private final TwoGateways venue;
    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private List<RecordedEvent> acceptedAtStart = List.of();

    /**
     * @param directory for the gateways' tables and journals.
     * @param gateways  gateways in front of the two shards, ids 0 to {@code gateways - 1}.
     */
    public MoveScene(final Path directory, final int gateways)
    {
        this(directory, 2, gateways);
    }

    /**
     * @param directory for the gateways' tables and journals.
     * @param shards    shards (real engines); {@link #assertConserved} counts two.
     * @param gateways  gateways in front of them, ids 0 to {@code gateways - 1}.
     */
    public MoveScene(final Path directory, final int shards, final int gateways)
    {
        venue = new TwoGateways(shards, directory, gateways);
    }

    public TwoGateways venue()
    {
        return venue;
    }

    /**
     * @return the lowest instrument id gateway {@link #A}'s table routes to the shard.
     */
    public int instrumentOn(final int shard)
    {
        return TwoGateways.instrumentOn(venue.client(A).table(), shard);
    }

    /**
     * Funds {@link #ALICE} and {@link #BOB} on both shards and lists the instruments ({@link TwoGateways#fundAndList}).
     */
    public void fundAndList(final int... instruments)
    {
        venue.fundAndList(new long[]{ALICE, BOB}, DEPOSIT_BASE, DEPOSIT_QUOTE, instruments);
    }

    /**
     * Keeps the OrderAccepted events gateway {@link #A} recorded so far as the orders at the start.
     *
     * @return them.
     */
    public List<RecordedEvent> keepAccepted()
    {
        acceptedAtStart = venue.recorder(A).of(OrderAcceptedDecoder.TEMPLATE_ID);
        return acceptedAtStart;
    }

    /**
     * @return the global id of the order at the start with the client order id.
     */
    public long id(final long clientOrderId)
    {
        return acceptedAtStart.stream().filter(event -> event.requestId() == clientOrderId).findFirst().orElseThrow()
            .orderId();
    }

    /**
     * Sends a cancel by order id through the gateway.
     *
     * @return what the gateway's offer returned.
     */
    public long cancel(final int gateway, final long account, final long requestId, final long orderId)
    {
        return cancel(gateway, account, requestId, orderId, 0);
    }

    /**
     * Sends a cancel through the gateway; with {@code orderId} 0 it names the order by client order id.
     *
     * @return what the gateway's offer returned.
     */
    public long cancel(
        final int gateway, final long account, final long requestId, final long orderId, final long clientOrderId)
    {
        return venue.gateway(gateway).offer(buffer, 0, encoder.cancelOrder(buffer, 0, 0, account, requestId, orderId,
            clientOrderId));
    }

    /**
     * @return the cancels of the order the gateway recorded.
     */
    public List<RecordedEvent> cancelled(final int gateway, final long orderId)
    {
        return venue.recorder(gateway).matching(event -> event.templateId() == OrderCancelledDecoder.TEMPLATE_ID &&
            event.orderId() == orderId);
    }

    /**
     * @return the answers to the account's mass cancels the gateway recorded.
     */
    public List<RecordedEvent> massCancelAnswers(final int gateway, final long account)
    {
        return venue.recorder(gateway).matching(event -> event.templateId() == AdminResultDecoder.TEMPLATE_ID &&
            event.code() == AdminType.MASS_CANCEL.value() && event.subjectId() == account);
    }

    /**
     * Asserts that {@link #ALICE} and {@link #BOB} hold over both shards, balances plus in flight, what they deposited.
     */
    public void assertConserved()
    {
        assertThat(venue.total(ALICE, BASE) + venue.total(BOB, BASE)).isEqualTo(4 * DEPOSIT_BASE);
        assertThat(venue.total(ALICE, QUOTE) + venue.total(BOB, QUOTE)).isEqualTo(4 * DEPOSIT_QUOTE);
    }
}
