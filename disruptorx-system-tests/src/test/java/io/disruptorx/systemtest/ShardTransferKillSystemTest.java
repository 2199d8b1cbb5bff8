package io.disruptorx.systemtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.disruptorx.core.process.ChildJvm;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;
import io.disruptorx.shard.transfer.TransferStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.disruptorx.systemtest.ShardKills.engine;
import static io.disruptorx.systemtest.ShardKills.host;
import static io.disruptorx.systemtest.ShardKills.transferReached;
import static io.disruptorx.systemtest.ShardProcesses.ADMIN;
import static io.disruptorx.systemtest.ShardProcesses.awaitPort;
import static io.disruptorx.systemtest.ShardProcesses.link;
import static io.disruptorx.systemtest.ShardProcesses.startDx;
import static io.disruptorx.systemtest.ShardProcesses.writeOperatedGatewayConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Transfers between two {@code dx shard-host} processes through {@code dx shard-gateway}, each with one of the three
 * processes killed (SIGKILL) while the transfer is in flight and restarted on the same directories (a host on the
 * same link address): first the source host, then the target host, then the gateway. The point is deterministic: the
 * target (shard-1) is frozen (SIGSTOP) before {@code dx shard transfer} is sent, so the transfer cannot end, and the
 * kill comes once the gateway's transfer journal ({@code TABLE.transfers}) holds the transfer's SENT record: the
 * source has journalled its TransferOut and answered it (the funds are out of its ledger, in flight), the TransferIn
 * is on its way to a frozen target. Two more transfers freeze the source instead and kill, at the REQUESTED record
 * (the TransferOut on its way to the frozen source), the source host and then the gateway. After the restart (and
 * the frozen host's SIGCONT) the transfer completes: the request that was waiting is answered {@code transferred}
 * (or, when the gateway was killed, a retry with the same id after its restart is), and a retry with the same id
 * answers the same and moves nothing more.
 *
 * <p>After all processes stop, both shards' recovered engines hold alice's USD split exactly as the five transfers
 * say (each applied once), nothing is in flight, and each asset's total over accounts and shards is the deposits.
 *
 * <p>How it can fail: a transfer lost with a killed process (the funds out at the source, never credited: the total
 * short by it, or in flight forever), applied twice by a re-send after the restart (shard-1 credited twice), a
 * settle lost (in flight at the source at the end), or a transfer that never ends (no answer within 2 minutes).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ShardTransferKillSystemTest
{
    private static final String PASSWORD = "shard";
    private static final long DEPOSIT = 1_000_000_000_000L;
    private static final long BASE_DEPOSIT = 1_000_000_000L;
    private static final String KILLED = "exit status of a JVM killed by SIGKILL";

    private final ChildJvm[] hosts = new ChildJvm[2];
    private ChildJvm gateway;
    private Path dir;
    private List<String> gatewayArgs;

    @Test
    void shouldCompleteEachTransferExactlyOnceWhenItsSourceTargetOrGatewayIsKilledInFlight() throws Exception
    {
        dir = ShardKills.directory("transfer-kills");
        new RoutingTableStore(dir.resolve("routes.txt"))
            .save(RoutingTable.initial(List.of("shard-0", "shard-1"), 64));
        final Path[] data = {dir.resolve("shard-0"), dir.resolve("shard-1")};
        ShardMoveSessions.prepareShard(data[0], true);
        ShardMoveSessions.prepareShard(data[1], false);
        try
        {
            hosts[0] = host(dir, "shard-0", data[0], null);
            hosts[1] = host(dir, "shard-1", data[1], null);
            final String[] links = {link(hosts[0]), link(hosts[1])};
            gatewayArgs = List.of("shard-gateway", "--config", writeOperatedGatewayConfig(dir, PASSWORD).toString(),
                "--shard", links[0], "--shard", links[1], "--table", dir.resolve("routes.txt").toString(),
                "--admin-port", "0");
            int admin = startGateway("gateway");

            // the source killed: its TransferOut is journalled, the settle comes after its restart
            CompletableFuture<String> waiting = inFlight(admin, 11, 100, 1, TransferStep.SENT);
            restartHost(0, data, links, "shard-0-restarted");
            hosts[1].resume();
            assertThat(waiting.get(3, TimeUnit.MINUTES)).isEqualTo(transferred(11, 100));
            assertThat(transfer(admin, 11, 100)).as("a retry moves nothing more").isEqualTo(transferred(11, 100));

            // the target killed while frozen: the TransferIn it had not read is sent again to the restarted host
            waiting = inFlight(admin, 12, 200, 1, TransferStep.SENT);
            restartHost(1, data, links, "shard-1-restarted");
            assertThat(waiting.get(3, TimeUnit.MINUTES)).isEqualTo(transferred(12, 200));
            assertThat(transfer(admin, 12, 200)).as("a retry moves nothing more").isEqualTo(transferred(12, 200));

            // the gateway killed: its transfer journal holds SENT; the restarted gateway sends the TransferIn again
            waiting = inFlight(admin, 13, 300, 1, TransferStep.SENT);
            admin = restartGateway(waiting, 1, "gateway-restarted");
            assertThat(transfer(admin, 13, 300)).as("the same id after the restart: the transfer's end")
                .isEqualTo(transferred(13, 300));
            assertThat(transfer(admin, 13, 300)).as("a retry moves nothing more").isEqualTo(transferred(13, 300));
            assertThat(transfer(admin, 11, 100)).as("the restarted gateway knows the first transfer's end")
                .isEqualTo(transferred(11, 100));

            // the source frozen before it took the funds out (REQUESTED) and killed: the TransferOut it had not
            // journalled is sent again to the restarted host, which takes it once
            waiting = inFlight(admin, 14, 400, 0, TransferStep.REQUESTED);
            restartHost(0, data, links, "shard-0-restarted-again");
            assertThat(waiting.get(3, TimeUnit.MINUTES)).isEqualTo(transferred(14, 400));

            // the gateway killed at REQUESTED with the source frozen: the restarted gateway sends the TransferOut
            // again, and the source, resumed, may take the first one too: the id makes it once
            waiting = inFlight(admin, 15, 500, 0, TransferStep.REQUESTED);
            admin = restartGateway(waiting, 0, "gateway-restarted-again");
            assertThat(transfer(admin, 15, 500)).as("the same id after the restart: the transfer's end")
                .isEqualTo(transferred(15, 500));
            assertThat(transfer(admin, 14, 400)).as("a retry moves nothing more").isEqualTo(transferred(14, 400));

            ShardKills.stopEach(gateway, hosts[0], hosts[1]);
        }
        finally
        {
            ShardKills.closeEach(gateway, hosts[0], hosts[1]);
        }
        checkLedgers(data, 100 + 200 + 300 + 400 + 500);
    }

    /**
     * Freezes shard FROZEN (the target, or the source), asks for the transfer of alice's USD from shard-0 to shard-1,
     * and waits until the gateway's journal holds STEP for it (SENT: the source took the funds out; REQUESTED: the
     * TransferOut is on its way to the frozen source).
     *
     * @return the request's answer, to come.
     */
    private CompletableFuture<String> inFlight(
        final int admin, final long id, final long amount, final int frozen, final TransferStep step) throws Exception
    {
        hosts[frozen].pause();
        final CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> transfer(admin, id, amount));
        final Path journal = dir.resolve("routes.txt.transfers");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
            .until(() -> transferReached(journal, id, step.code()));
        assertThat(transferReached(journal, id, TransferStep.COMPLETED.code())).as("ended before the kill").isFalse();
        return answer;
    }

    /**
     * Kills the shard's host (frozen or not) and starts it again on its data directory and link address.
     */
    private void restartHost(final int shard, final Path[] data, final String[] links, final String name)
        throws Exception
    {
        assertThat(hosts[shard].kill()).as(KILLED).isEqualTo(137);
        hosts[shard] = host(dir, name, data[shard], links[shard]);
        link(hosts[shard]);
    }

    /**
     * Kills the gateway, lets the frozen shard run again and starts the gateway again on its table and journals.
     *
     * @return the restarted gateway's admin port.
     */
    private int restartGateway(final CompletableFuture<String> waiting, final int frozen, final String name)
        throws Exception
    {
        assertThat(gateway.kill()).as(KILLED).isEqualTo(137);
        assertThat(waiting.get(1, TimeUnit.MINUTES)).as("the request whose gateway died").doesNotStartWith("0 ");
        hosts[frozen].resume();
        return startGateway(name);
    }

    private int startGateway(final String name) throws Exception
    {
        gateway = startDx(gatewayArgs, dir.resolve(name + ".err"));
        return awaitPort(gateway, ADMIN);
    }

    private String transfer(final int admin, final long id, final long amount)
    {
        return ShardKills.operator(dir, admin, "transfer", "--id", Long.toString(id), "--account", "1", "--asset",
            "0", "--amount", Long.toString(amount), "--from", "shard-0", "--to", "shard-1");
    }

    private static String transferred(final long id, final long amount)
    {
        return "0 transferred transfer " + id + ": " + amount + " of asset 0 of account 1, shard-0 -> shard-1";
    }

    /**
     * The stopped shards' engines: alice's USD moved by exactly the transfers' sum, nothing in flight, each asset's
     * total the deposits (both accounts hold both assets on both shards).
     */
    private static void checkLedgers(final Path[] data, final long moved)
    {
        final MatchingEngine[] engines = {engine(data[0]), engine(data[1])};
        assertThat(engines[0].balance(1, 0)).as("alice's USD on shard-0").isEqualTo(DEPOSIT - moved);
        assertThat(engines[1].balance(1, 0)).as("alice's USD on shard-1").isEqualTo(DEPOSIT + moved);
        for (final int asset : new int[]{0, 1})
        {
            long total = 0;
            for (final MatchingEngine engine : engines)
            {
                for (final long account : new long[]{1, 3})
                {
                    total += engine.balance(account, asset) + engine.inFlight(account, asset);
                    assertThat(engine.inFlight(account, asset)).as("in flight, account %d asset %d", account, asset)
                        .isZero();
                }
            }
            assertThat(total).as("total of asset %d over accounts and shards", asset)
                .isEqualTo(4 * (asset == 0 ? DEPOSIT : BASE_DEPOSIT));
        }
    }
}
