package io.disruptorx.shard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.sbe.event.AdminResultDecoder;
import io.disruptorx.protocol.sbe.event.AdminType;
import io.disruptorx.protocol.sbe.event.CancelRejectedDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledDecoder;
import io.disruptorx.protocol.venue.VenueClient;
import org.agrona.concurrent.UnsafeBuffer;

import static io.disruptorx.shard.support.ShardedVenue.BASE;
import static io.disruptorx.shard.support.ShardedVenue.QUOTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the move tests with more than one gateway start: {@link TwoGateways} over two shards, and the accounts
 * {@link #ALICE} and {@link #BOB}, each funded with {@link #DEPOSIT_BASE} and {@link #DEPOSIT_QUOTE} on each shard
 * (and {@link #CAROL} where a test names her). A test lists its instruments, rests its orders (or one of the openings
 * here: {@link #restFourBids}, {@link #restBidsAndAnAsk}) and keeps them ({@link #keepAccepted}) to name them later
 * by client order id ({@link #id}); it sends cancels, replaces and mass cancels through a gateway, reads the answers
 * a gateway recorded (a cancel found, a cancel refused as unknown), the moved orders' routes a gateway keeps and a
 * copy of its move journal, and checks that the two accounts' funds are conserved over both shards.
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
    /**
     * The shard a test moves its instrument from.
     */
    public static final int SOURCE = 0;
    /**
     * The shard it moves it to.
     */
    public static final int TARGET = 1;
    public static final long ALICE = 3;
    public static final long BOB = 4;
    /**
     * A third account, funded only where a test names it ({@link #fundAndList(long[], int...)}).
     */
    public static final long CAROL = 5;
    public static final long DEPOSIT_BASE = 1_000;
    public static final long DEPOSIT_QUOTE = 1_000_000;

    private final Path directory;
    private final TwoGateways venue;
    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private List<RecordedEvent> acceptedAtStart = List.of();
    private int journalCopies;

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
        this.directory = directory;
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
     * Funds {@link #ALICE}, {@link #BOB} and the other accounts alike on both shards and lists the instruments.
     */
    public void fundAndList(final long[] otherAccounts, final int... instruments)
    {
        final long[] accounts = new long[2 + otherAccounts.length];
        accounts[0] = ALICE;
        accounts[1] = BOB;
        System.arraycopy(otherAccounts, 0, accounts, 2, otherAccounts.length);
        venue.fundAndList(accounts, DEPOSIT_BASE, DEPOSIT_QUOTE, instruments);
    }

    /**
     * Rests {@link #ALICE}'s two bids on the instrument through gateway {@link #A}: 1 at 990 for 1 and 2 at 995 for 2
     * (the best bid).
     */
    public void restAlicesBids(final int instrument)
    {
        venue.order(A, ALICE, 1, instrument, Side.BUY, 990, 1);
        venue.order(A, ALICE, 2, instrument, Side.BUY, 995, 2);
    }

    /**
     * Four bids on the instrument to move: funds {@link #ALICE}, {@link #BOB} and the other accounts, lists the
     * instrument, rests alice's bids ({@link #restAlicesBids}) and bob's 11 at 980 and 12 at 970, each for 1, through
     * gateway {@link #B}, and keeps them.
     *
     * @return the orders kept ({@link #keepAccepted}).
     */
    public List<RecordedEvent> restFourBids(final int moving, final long... otherAccounts)
    {
        fundAndList(otherAccounts, moving);
        restAlicesBids(moving);
        venue.order(B, BOB, 11, moving, Side.BUY, 980, 1);
        venue.order(B, BOB, 12, moving, Side.BUY, 970, 1);
        venue.pump();
        return keepAccepted();
    }

    /**
     * Five bids on the instrument to move and an ask on one that stays: funds {@link #ALICE} and {@link #BOB}, lists
     * both instruments, rests alice's bids ({@link #restAlicesBids}), and through gateway {@link #B} bob's bids 11 at
     * 995, 12 at 980 and 13 at 970, each for 1, and his ask 14 on {@code staying} at 1 020 for 3; keeps them.
     *
     * @return the orders kept ({@link #keepAccepted}).
     */
    public List<RecordedEvent> restBidsAndAnAsk(final int moving, final int staying)
    {
        fundAndList(moving, staying);
        restAlicesBids(moving);
        venue.order(B, BOB, 11, moving, Side.BUY, 995, 1);
        venue.order(B, BOB, 12, moving, Side.BUY, 980, 1);
        venue.order(B, BOB, 13, moving, Side.BUY, 970, 1);
        venue.order(B, BOB, 14, staying, Side.SELL, 1_020, 3);
        venue.pump();
        return keepAccepted();
    }

    /**
     * Two books and a clash, six orders each for 1: funds {@link #ALICE} and {@link #BOB} and lists the three
     * instruments; on {@code first} alice's bid 1 at 990 (through gateway {@link #A}) and bob's bids 11 at 995 and 21
     * at 985, on {@code staying} bob's ask 21 at 1 020 (so a move of {@code first} to {@code staying}'s shard has the
     * restore of his bid 21 refused: that client order id rests there), on {@code second} alice's bid 2 at 980 and
     * bob's 12 at 975 (bob's through gateway {@link #B}); keeps them.
     *
     * @return the orders kept ({@link #keepAccepted}).
     */
    public List<RecordedEvent> restTwoBooksAndAClash(final int first, final int second, final int staying)
    {
        fundAndList(first, second, staying);
        venue.order(A, ALICE, 1, first, Side.BUY, 990, 1);
        venue.order(B, BOB, 11, first, Side.BUY, 995, 1);
        venue.order(B, BOB, 21, first, Side.BUY, 985, 1);
        venue.order(B, BOB, 21, staying, Side.SELL, 1_020, 1);
        venue.order(A, ALICE, 2, second, Side.BUY, 980, 1);
        venue.order(B, BOB, 12, second, Side.BUY, 975, 1);
        venue.pump();
        return keepAccepted();
    }

    /**
     * Has the gateway move the instrument to the shard, delivers the events and asserts that the move ended.
     *
     * @return the move's answer ("moved instrument ...", or "rolled back instrument ...").
     */
    public String move(final int gateway, final int instrument, final int target)
    {
        final CompletableFuture<String> moved = venue.gateway(gateway).move(instrument, target);
        venue.pump();
        assertThat(moved).as("move of instrument " + instrument + " ended").isDone();
        return moved.join();
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
     * Sends a replace of the account's order named by client order id through the gateway.
     *
     * @return what the gateway's offer returned.
     */
    public long replace(
        final int gateway, final long account, final long requestId, final long price, final long quantity,
        final long clientOrderId)
    {
        return venue.gateway(gateway).offer(buffer, 0, encoder.replaceOrder(buffer, 0, 0, account, requestId, 0, price,
            quantity, clientOrderId));
    }

    /**
     * Sends a mass cancel of the account's orders on the instrument (0: on every instrument) through the gateway.
     *
     * @return what the gateway's offer returned.
     */
    public long massCancel(final int gateway, final long account, final int instrument, final long requestId)
    {
        return massCancel(venue.gateway(gateway), account, instrument, requestId);
    }

    /**
     * Sends a mass cancel as {@link #massCancel(int, long, int, long)} straight to a client: a gateway's sharded
     * client, past its mover.
     *
     * @return what the client's offer returned.
     */
    public long massCancel(final VenueClient client, final long account, final int instrument, final long requestId)
    {
        return client.offer(buffer, 0, encoder.massCancel(buffer, 0, 0, account, instrument, requestId));
    }

    /**
     * Cancels the order by its id through the gateway (its recorder cleared first) and asserts that the gateway
     * recorded its cancel once.
     *
     * @return that cancel.
     */
    public RecordedEvent assertFound(final int gateway, final long account, final long requestId, final long orderId)
    {
        venue.recorder(gateway).clear();
        assertThat(cancel(gateway, account, requestId, orderId)).isPositive();
        venue.pump();
        final List<RecordedEvent> found = cancelled(gateway, orderId);
        assertThat(found).as("order " + orderId + " found").hasSize(1);
        return found.get(0);
    }

    /**
     * Cancels the order by its id through the gateway (its recorder cleared first) and asserts that the gateway
     * answered once, refused {@code UNKNOWN_ORDER}.
     *
     * @return the refusal.
     */
    public RecordedEvent assertUnknown(
        final int gateway, final long account, final long requestId, final long orderId)
    {
        venue.recorder(gateway).clear();
        assertThat(cancel(gateway, account, requestId, orderId)).isPositive();
        venue.pump();
        final List<RecordedEvent> refused = cancelsRefused(gateway, requestId);
        assertThat(refused).as("gateway " + gateway + ", order " + orderId).hasSize(1);
        assertThat(refused.get(0).code()).isEqualTo(RejectReason.UNKNOWN_ORDER.code());
        return refused.get(0);
    }

    /**
     * @return the refusals of the cancel or replace with the request id the gateway recorded.
     */
    public List<RecordedEvent> cancelsRefused(final int gateway, final long requestId)
    {
        return venue.recorder(gateway).matching(event -> event.templateId() == CancelRejectedDecoder.TEMPLATE_ID &&
            event.requestId() == requestId);
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
     * @return the routes of moved orders the gateway's client keeps: global order id to the shard it moved to.
     */
    public Map<Long, Long> routes(final int gateway)
    {
        final Map<Long, Long> routes = new HashMap<>();
        venue.client(gateway).forEachMovedOrder(routes::put);
        return routes;
    }

    /**
     * @return the gateway's move journal.
     */
    public Path journal(final int gateway)
    {
        return directory.resolve("moves-" + gateway + ".journal");
    }

    /**
     * Copies the gateway's move journal as it is now, to read it while the gateway keeps its own open.
     *
     * @return the copy, a new file each time.
     */
    public Path copyOfJournal(final int gateway)
    {
        try
        {
            final Path copy = Files.createDirectories(directory.resolve("copies"))
                .resolve("moves-" + gateway + ".journal." + ++journalCopies);
            Files.copy(journal(gateway), copy);
            return copy;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
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
