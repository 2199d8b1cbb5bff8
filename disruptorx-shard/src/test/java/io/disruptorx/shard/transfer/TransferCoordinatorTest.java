package io.disruptorx.shard.transfer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.PostOnlyMode;
import io.disruptorx.engine.TransferState;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.support.CrashableShard;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transfers between three shards' ledgers, with crashes injected between the steps: of the coordinator (with and
 * without losing the acknowledgements it had not read), and of either shard (restarted from its log, losing its
 * undelivered events). After every step the total of each asset over all shards' balances and the transfers in
 * flight is what was deposited; at the end every transfer has ended, and every balance is exactly what the
 * transfers' outcomes say, each applied once.
 */
class TransferCoordinatorTest
{
    private static final int SHARDS = 3;
    private static final int ACCOUNTS = 4;
    private static final int USD = 2;
    private static final int GOLD = 3;
    private static final long DEPOSIT = 1_000;
    private static final long GOLD_SUPPLY = Long.MAX_VALUE - 100;
    private static final long GOLD_HOLDER = 9;
    private static final int FULL_SHARD = 2;
    private static final EngineConfig CONFIG = new EngineConfig(16, 4, 1024, 64, 0, PostOnlyMode.REJECT);
    private static final VenueEventHandler DISCARD = (sequence, buffer, offset, length) ->
    {
    };

    @TempDir
    Path dir;

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
    private final CrashableShard[] shards = new CrashableShard[SHARDS];
    private final List<long[]> started = new ArrayList<>();
    private ShardedVenueClient client;
    private TransferCoordinator coordinator;

    private void setUp()
    {
        final List<String> names = new ArrayList<>();
        for (int s = 0; s < SHARDS; s++)
        {
            names.add("shard-" + s);
            shards[s] = new CrashableShard(CONFIG);
            for (long account = 1; account <= ACCOUNTS; account++)
            {
                shards[s].offer(buffer, 0, encoder.adjustBalance(buffer, 0, 0, account, USD, DEPOSIT));
                shards[s].offer(buffer, 0, encoder.adjustBalance(buffer, 0, 0, account, GOLD, DEPOSIT));
            }
        }
        shards[FULL_SHARD].offer(buffer, 0, encoder.adjustBalance(buffer, 0, 0, GOLD_HOLDER, GOLD,
            GOLD_SUPPLY - ACCOUNTS * DEPOSIT));
        client = new ShardedVenueClient(RoutingTable.initial(names, 16), shards);
        client.poll(DISCARD, Integer.MAX_VALUE);
        coordinator = new TransferCoordinator(dir.resolve("transfers.journal"), client::offerTo);
    }

    @Test
    void shouldMoveFundsFromOneShardToAnotherOnce()
    {
        setUp();
        assertThat(coordinator.start(1, 1, USD, 300, 0, 1)).isEqualTo(TransferStep.REQUESTED);
        assertThat(shards[0].engine().balance(1, USD)).isEqualTo(700);
        assertThat(shards[0].engine().inFlight(1, USD)).isEqualTo(300);
        assertThat(shards[1].engine().balance(1, USD)).isEqualTo(DEPOSIT);

        deliverAll();
        assertThat(coordinator.step(1)).isEqualTo(TransferStep.COMPLETED);
        assertThat(coordinator.start(1, 1, USD, 300, 0, 1)).as("a client's retry").isEqualTo(TransferStep.COMPLETED);
        deliverAll();
        assertThat(shards[0].engine().balance(1, USD)).isEqualTo(700);
        assertThat(shards[1].engine().balance(1, USD)).isEqualTo(1_300);
        assertThat(shards[0].engine().inFlight(1, USD)).isZero();
        assertThat(shards[0].engine().transferState(1)).isEqualTo(TransferState.COMPLETED);
        assertThat(shards[1].engine().transferState(1)).isEqualTo(TransferState.RECEIVED);
    }

    @Test
    void shouldShowFundsInFlightUntilTheTargetHasThem()
    {
        setUp();
        coordinator.start(2, 3, USD, 250, 1, 2);
        client.poll(coordinator, 1);

        assertThat(coordinator.step(2)).isEqualTo(TransferStep.SENT);
        assertThat(coordinator.inFlight(3, USD)).isEqualTo(250);
        assertThat(shards[1].engine().inFlight(3, USD)).isEqualTo(250);
        assertThat(shards[1].engine().balance(3, USD) + shards[2].engine().balance(3, USD)).isEqualTo(2 * DEPOSIT);
        deliverAll();
        assertThat(coordinator.inFlight(3, USD)).isZero();
        assertThat(shards[1].engine().balance(3, USD) + shards[2].engine().balance(3, USD)).isEqualTo(2 * DEPOSIT);
    }

    @Test
    void shouldFailWithoutMovingAnythingWhenTheSourceLacksTheFunds()
    {
        setUp();
        coordinator.start(3, 2, USD, DEPOSIT + 1, 0, 1);
        deliverAll();
        assertThat(coordinator.step(3)).isEqualTo(TransferStep.FAILED);
        assertThat(shards[1].engine().transferState(3)).isEqualTo(TransferState.NONE);
        assertThat(shards[0].engine().balance(2, USD)).isEqualTo(DEPOSIT);
    }

    @Test
    void shouldReturnTheFundsWhenTheTargetRefusesThem()
    {
        setUp();
        coordinator.start(4, 1, GOLD, 500, 0, FULL_SHARD);
        deliverAll();
        assertThat(coordinator.step(4)).isEqualTo(TransferStep.RETURNED);
        assertThat(shards[0].engine().balance(1, GOLD)).isEqualTo(DEPOSIT);
        assertThat(shards[FULL_SHARD].engine().transferState(4)).isEqualTo(TransferState.REFUSED);
    }

    @Test
    void shouldReportAnIdReusedOnAnotherGatewayForAnotherTransferAsFailedWithoutMovingAnything()
    {
        setUp();
        coordinator.start(17, 1, USD, 300, 0, 1);
        deliverAll();
        assertThat(coordinator.step(17)).isEqualTo(TransferStep.COMPLETED);

        final TransferCoordinator other = new TransferCoordinator(dir.resolve("other.journal"), client::offerTo);
        try (TransferDesk desk = new TransferDesk(other, shard -> "shard-" + shard))
        {
            final CompletableFuture<String> answer = desk.transfer(17, 2, USD, 100, 0, 2);
            desk.doWork(0);
            while (client.poll(desk, 100) > 0)
            {
                desk.doWork(0);
            }
            desk.doWork(0);

            assertThat(other.step(17)).isEqualTo(TransferStep.REUSED);
            assertThat(answer).isCompletedWithValue("failed: transfer id reused: transfer 17: 100 of asset 2 of " +
                "account 2, shard-0 -> shard-2 (the source shard has recorded another transfer with this id; " +
                "nothing moved)");
        }
        assertThat(shards[0].engine().balance(2, USD)).isEqualTo(DEPOSIT);
        assertThat(shards[0].engine().inFlight(2, USD)).isZero();
        assertThat(shards[2].engine().balance(2, USD)).isEqualTo(DEPOSIT);
        assertThat(shards[2].engine().transferState(17)).isEqualTo(TransferState.NONE);
        assertThat(shards[0].engine().balance(1, USD)).isEqualTo(700);
        assertThat(shards[1].engine().balance(1, USD)).isEqualTo(1_300);
        assertThat(shards[0].engine().transferState(17)).isEqualTo(TransferState.COMPLETED);

        final TransferCoordinator reopened = new TransferCoordinator(dir.resolve("other.journal"), client::offerTo);
        assertThat(reopened.step(17)).as("the journal keeps the end").isEqualTo(TransferStep.REUSED);
        assertThat(reopened.resendPending()).isZero();
        reopened.close();
    }

    @Test
    void shouldFinishATransferAfterTheCoordinatorRestartsBetweenSteps()
    {
        setUp();
        coordinator.start(5, 4, USD, 100, 2, 0);
        client.poll(coordinator, 1);
        assertThat(coordinator.step(5)).isEqualTo(TransferStep.SENT);
        coordinator.close();
        client.poll(DISCARD, Integer.MAX_VALUE);

        coordinator = new TransferCoordinator(dir.resolve("transfers.journal"), client::offerTo);
        assertThat(coordinator.step(5)).isEqualTo(TransferStep.SENT);
        coordinator.resendPending();
        deliverAll();
        assertThat(coordinator.step(5)).isEqualTo(TransferStep.COMPLETED);
        assertThat(shards[2].engine().balance(4, USD)).isEqualTo(900);
        assertThat(shards[0].engine().balance(4, USD)).isEqualTo(1_100);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void shouldNeitherLoseNorDuplicateMoneyUnderCrashes(final long seed)
    {
        run(seed, 300);
    }

    @Tag("slow")
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {101, 102, 103})
    void shouldHoldOverLongRuns(final long seed)
    {
        run(seed, 20_000);
    }

    private void run(final long seed, final int steps)
    {
        setUp();
        final SplittableRandom random = new SplittableRandom(seed);
        long nextId = 1;
        int crashes = 0;
        for (int step = 0; step < steps; step++)
        {
            final int roll = random.nextInt(100);
            if (roll < 35)
            {
                final int from = random.nextInt(SHARDS);
                final int to = (from + 1 + random.nextInt(SHARDS - 1)) % SHARDS;
                final int asset = random.nextInt(4) == 0 ? GOLD : USD;
                final long account = 1 + random.nextInt(ACCOUNTS);
                final long amount = 1 + random.nextInt(400);
                coordinator.start(nextId, account, asset, amount, from, to);
                started.add(new long[] {nextId, account, asset, amount, from, to});
                nextId++;
            }
            else if (roll < 40 && !started.isEmpty())
            {
                final long[] t = started.get(random.nextInt(started.size()));
                coordinator.start(t[0], t[1], (int)t[2], t[3], (int)t[4], (int)t[5]);
            }
            else if (roll < 75)
            {
                client.poll(coordinator, 1 + random.nextInt(4));
            }
            else if (roll < 82)
            {
                coordinator.close();
                if (random.nextBoolean())
                {
                    client.poll(DISCARD, random.nextInt(6));
                }
                coordinator = new TransferCoordinator(dir.resolve("transfers.journal"), client::offerTo);
                coordinator.resendPending();
                crashes++;
            }
            else if (roll < 88)
            {
                shards[random.nextInt(SHARDS)].crash();
                crashes++;
            }
            else
            {
                coordinator.resendPending();
            }
            assertConserved(seed, step);
        }
        for (int round = 0; round < 100 && coordinator.pending() > 0; round++)
        {
            coordinator.resendPending();
            deliverAll();
            assertConserved(seed, steps + round);
        }
        assertThat(coordinator.pending()).as("seed %d: every transfer ended", seed).isZero();
        assertThat(crashes).as("seed %d crashes injected", seed).isPositive();
        assertExactlyOnce(seed);
    }

    private void assertConserved(final long seed, final int step)
    {
        for (final int asset : new int[] {USD, GOLD})
        {
            long total = 0;
            for (final CrashableShard shard : shards)
            {
                for (long account = 1; account <= ACCOUNTS; account++)
                {
                    final long balance = shard.engine().balance(account, asset);
                    assertThat(balance).as("seed %d step %d: no balance below zero", seed, step).isNotNegative();
                    total += balance;
                }
            }
            for (final long[] t : started)
            {
                if (t[2] == asset && shards[(int)t[4]].engine().transferState(t[0]) == TransferState.IN_FLIGHT &&
                    shards[(int)t[5]].engine().transferState(t[0]) != TransferState.RECEIVED)
                {
                    total += t[3];
                }
            }
            assertThat(total).as("seed %d step %d asset %d: balances plus in flight", seed, step, asset)
                .isEqualTo(SHARDS * ACCOUNTS * DEPOSIT);
        }
    }

    private void assertExactlyOnce(final long seed)
    {
        final long[][][] expected = new long[SHARDS][ACCOUNTS + 1][4];
        for (final long[][] shard : expected)
        {
            for (int account = 1; account <= ACCOUNTS; account++)
            {
                shard[account][USD] = DEPOSIT;
                shard[account][GOLD] = DEPOSIT;
            }
        }
        int completed = 0;
        for (final long[] t : started)
        {
            final TransferStep step = coordinator.step(t[0]);
            final MatchingEngine source = shards[(int)t[4]].engine();
            final MatchingEngine target = shards[(int)t[5]].engine();
            switch (step)
            {
                case COMPLETED ->
                {
                    assertThat(source.transferState(t[0])).isEqualTo(TransferState.COMPLETED);
                    assertThat(target.transferState(t[0])).isEqualTo(TransferState.RECEIVED);
                    expected[(int)t[4]][(int)t[1]][(int)t[2]] -= t[3];
                    expected[(int)t[5]][(int)t[1]][(int)t[2]] += t[3];
                    completed++;
                }
                case RETURNED ->
                {
                    assertThat(source.transferState(t[0])).isEqualTo(TransferState.RETURNED);
                    assertThat(target.transferState(t[0])).isEqualTo(TransferState.REFUSED);
                }
                case FAILED ->
                {
                    assertThat(source.transferState(t[0])).isEqualTo(TransferState.REFUSED);
                    assertThat(target.transferState(t[0])).isEqualTo(TransferState.NONE);
                }
                default -> throw new AssertionError("seed " + seed + ": transfer " + t[0] + " ended at " + step);
            }
        }
        assertThat(completed).as("seed %d completed transfers", seed).isPositive();
        for (int s = 0; s < SHARDS; s++)
        {
            for (int account = 1; account <= ACCOUNTS; account++)
            {
                for (final int asset : new int[] {USD, GOLD})
                {
                    assertThat(shards[s].engine().balance(account, asset))
                        .as("seed %d shard %d account %d asset %d", seed, s, account, asset)
                        .isEqualTo(expected[s][account][asset]);
                }
            }
        }
    }

    private void deliverAll()
    {
        while (client.poll(coordinator, 100) > 0)
        {
            assertThat(coordinator.pending()).isNotNegative();
        }
    }
}
