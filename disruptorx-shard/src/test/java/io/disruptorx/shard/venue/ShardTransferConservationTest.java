package io.disruptorx.shard.venue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.Side;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.QueryBalancesEncoder;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.shard.support.ShardedVenue;
import io.disruptorx.shard.transfer.TransferCoordinator;
import io.disruptorx.shard.venue.BalanceAnswers.Line;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.disruptorx.shard.support.ShardedVenue.BASE;
import static io.disruptorx.shard.support.ShardedVenue.QUOTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random flows over 2 to 4 shards, each a real engine whose events arrive a few at a time: two accounts' orders
 * (each trades with itself, so its totals do not change), mass cancels, transfers both ways between random shards
 * (some refused at the source, some refused at the target and returned), shards pushing back for a while, the
 * coordinator's re-sends, deposits and withdrawals, and balance queries. After every answer, for each asset:
 * free + locked + inTransfer is exactly the account's deposits minus its withdrawals, and none of them is negative.
 * At the end every transfer has ended, nothing is in transfer, and the engines' ledgers hold the deposits.
 */
class ShardTransferConservationTest
{
    private static final long[] ACCOUNTS = {11, 12};
    private static final int GOLD = 3;
    private static final int[] ASSETS = {BASE, QUOTE, GOLD};
    private static final long GOLD_HOLDER = 9;
    private static final int INSTRUMENTS = 24;
    private static final int STEPS = 4_000;

    @TempDir
    Path dir;

    private final UnsafeBuffer command = new UnsafeBuffer(new byte[128]);
    private final Map<Long, Long> open = new HashMap<>();
    private final long[][] expected = new long[ACCOUNTS.length][GOLD + 1];
    private final long[][] answer = new long[GOLD + 1][3];
    private final long[] lastInTransfer = new long[ACCOUNTS.length];
    private ShardedVenue venue;
    private BalanceAnswers answers;
    private int read;
    private int answered;
    private int inTransferSeen;
    private long nextRequest = 1;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9})
    void shouldConserveEveryAssetOfAnAccountOverTheShardsAndItsTransfersAtEveryAnswer(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int shards = 2 + (int)(seed % 3);
        venue = ShardedVenue.of(shards);
        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            assertThat(venue.addInstrument(id)).isPositive();
        }
        final int full = shards - 1;
        venue.engine(full).adjustBalance(venue.venue(full).nextTimestamp(), GOLD_HOLDER, GOLD, Long.MAX_VALUE);
        for (int a = 0; a < ACCOUNTS.length; a++)
        {
            deposit(a, 0, QUOTE, 100_000);
            deposit(a, 0, BASE, 1_000);
            deposit(a, 0, GOLD, 500);
        }
        for (int shard = 0; shard < shards; shard++)
        {
            venue.venue(shard).deliverAtMost(1 + random.nextInt(3));
        }
        final TransferCoordinator coordinator = new TransferCoordinator(dir.resolve("transfers"), venue.client());
        answers = new BalanceAnswers(coordinator);
        final boolean[] refusing = new boolean[shards];
        long transferId = 1;
        long clientOrderId = 1;
        for (int step = 0; step < STEPS; step++)
        {
            final int pushingBack = random.nextInt(shards);
            if (refusing[pushingBack] && random.nextInt(4) == 0)
            {
                refusing[pushingBack] = false;
                venue.venue(pushingBack).refuse(0);
            }
            final int a = random.nextInt(ACCOUNTS.length);
            final int action = random.nextInt(100);
            if (action < 25)
            {
                final int instrument = 1 + a + 2 * random.nextInt(INSTRUMENTS / 2);
                venue.limit(ACCOUNTS[a], clientOrderId++, instrument, random.nextBoolean() ? Side.BUY : Side.SELL,
                    95 + random.nextInt(11), 1 + random.nextInt(5));
            }
            else if (action < 29)
            {
                venue.massCancel(ACCOUNTS[a], 0, nextRequest++);
            }
            else if (action < 44)
            {
                final int from = random.nextInt(shards);
                final int to = (from + 1 + random.nextInt(shards - 1)) % shards;
                final int asset = ASSETS[random.nextInt(ASSETS.length)];
                coordinator.start(transferId++, ACCOUNTS[a], asset, 1 + random.nextInt(asset == QUOTE ? 30_000 : 300),
                    from, to);
            }
            else if (action < 58)
            {
                query(a);
            }
            else if (action < 61)
            {
                final int shard = random.nextInt(shards);
                refusing[shard] = true;
                venue.venue(shard).refuse(VenueClient.BACK_PRESSURED);
            }
            else if (action < 71)
            {
                coordinator.resendPending();
            }
            else if (action < 76)
            {
                depositOrWithdraw(random, a, shards);
            }
            else
            {
                venue.client().poll(answers, 1 + random.nextInt(5));
                check();
            }
        }
        for (int shard = 0; shard < shards; shard++)
        {
            venue.venue(shard).refuse(0);
        }
        for (int round = 0; round < 100 && (coordinator.pending() > 0 || !open.isEmpty()); round++)
        {
            coordinator.resendPending();
            drain();
        }
        assertThat(coordinator.pending()).as("transfers not ended").isZero();
        for (int a = 0; a < ACCOUNTS.length; a++)
        {
            query(a);
        }
        drain();
        assertThat(open).as("every query answered").isEmpty();
        assertThat(lastInTransfer).as("in transfer in the last answers").containsOnly(0L);
        assertThat(inTransferSeen).as("answers that caught a transfer on its way").isPositive();
        assertThat(answered).as("answers checked").isGreaterThan(50);
        for (int a = 0; a < ACCOUNTS.length; a++)
        {
            for (final int asset : ASSETS)
            {
                long total = 0;
                for (int shard = 0; shard < shards; shard++)
                {
                    final MatchingEngine engine = venue.engine(shard);
                    total += engine.balance(ACCOUNTS[a], asset);
                    assertThat(engine.inFlight(ACCOUNTS[a], asset)).as("in flight at a source").isZero();
                }
                assertThat(total).as("account %d asset %d over the ledgers", ACCOUNTS[a], asset)
                    .isEqualTo(expected[a][asset]);
            }
        }
    }

    private void query(final int a)
    {
        final long requestId = nextRequest++;
        final QueryBalancesEncoder encoder = new QueryBalancesEncoder();
        encoder.wrapAndApplyHeader(command, 0, new MessageHeaderEncoder()).timestamp(0).accountId(ACCOUNTS[a])
            .requestId(requestId).userId(0);
        if (venue.client().offer(command, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength()) > 0)
        {
            open.put(requestId, (long)a);
        }
    }

    /**
     * Deposits or withdraws, straight into a shard's engine, while no query is open (a query's cut would see it
     * on one shard and not know it on the others).
     */
    private void depositOrWithdraw(final SplittableRandom random, final int a, final int shards)
    {
        if (!open.isEmpty())
        {
            return;
        }
        final int asset = ASSETS[random.nextInt(ASSETS.length)];
        final int shard = random.nextInt(asset == GOLD ? shards - 1 : shards);
        if (random.nextBoolean())
        {
            deposit(a, shard, asset, 1 + random.nextInt(1_000));
            return;
        }
        final MatchingEngine engine = venue.engine(shard);
        final long available = engine.balance(ACCOUNTS[a], asset) - engine.held(ACCOUNTS[a], asset);
        if (available > 0)
        {
            final long amount = 1 + random.nextLong(available);
            engine.adjustBalance(venue.venue(shard).nextTimestamp(), ACCOUNTS[a], asset, -amount);
            assertThat(engine.balance(ACCOUNTS[a], asset) - engine.held(ACCOUNTS[a], asset))
                .as("withdrawn").isEqualTo(available - amount);
            expected[a][asset] -= amount;
        }
    }

    private void deposit(final int a, final int shard, final int asset, final long amount)
    {
        final MatchingEngine engine = venue.engine(shard);
        final long before = engine.balance(ACCOUNTS[a], asset);
        engine.adjustBalance(venue.venue(shard).nextTimestamp(), ACCOUNTS[a], asset, amount);
        assertThat(engine.balance(ACCOUNTS[a], asset)).as("deposited").isEqualTo(before + amount);
        expected[a][asset] += amount;
    }

    private void drain()
    {
        while (venue.client().poll(answers, 100) > 0)
        {
            check();
        }
        check();
    }

    /**
     * Checks each answer completed since the last call.
     */
    private void check()
    {
        final List<Line> lines = answers.lines();
        while (read < lines.size())
        {
            final Line first = lines.get(read);
            final int count = Math.max(first.assetCount(), 1);
            if (read + count > lines.size())
            {
                return;
            }
            final Long a = open.remove(first.requestId());
            assertThat(a).as("an answer to an open query: %s", first).isNotNull();
            for (final long[] amounts : answer)
            {
                Arrays.fill(amounts, 0);
            }
            long inTransfer = 0;
            for (int i = read; i < read + count; i++)
            {
                final Line line = lines.get(i);
                assertThat(line.requestId()).as("one answer's events together").isEqualTo(first.requestId());
                assertThat(line.accountId()).isEqualTo(ACCOUNTS[a.intValue()]);
                assertThat(line.free()).as("free: %s", line).isNotNegative();
                assertThat(line.locked()).as("locked: %s", line).isNotNegative();
                assertThat(line.inTransfer()).as("in transfer: %s", line).isNotNegative();
                if (first.assetCount() > 0)
                {
                    answer[line.assetId()][0] = line.free();
                    answer[line.assetId()][1] = line.locked();
                    answer[line.assetId()][2] = line.inTransfer();
                    inTransfer += line.inTransfer();
                }
            }
            for (final int asset : ASSETS)
            {
                assertThat(answer[asset][0] + answer[asset][1] + answer[asset][2])
                    .as("query %d, account %d, asset %d: free %d + locked %d + in transfer %d", first.requestId(),
                        ACCOUNTS[a.intValue()], asset, answer[asset][0], answer[asset][1], answer[asset][2])
                    .isEqualTo(expected[a.intValue()][asset]);
            }
            inTransferSeen += inTransfer > 0 ? 1 : 0;
            lastInTransfer[a.intValue()] = inTransfer;
            answered++;
            read += count;
        }
    }
}
