package io.disruptorx.shard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import io.disruptorx.core.hash.ConsistentHashRing;
import io.disruptorx.shard.plan.ShardPlan;
import io.disruptorx.shard.plan.ShardPlanner;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dx shard}: the routing table on disk. {@code init} writes version 1 for N shards, {@code status} lists the
 * instruments and load of each shard (and with {@code --admin} what a running gateway moves), {@code plan} proposes the
 * moves that bring every shard under a target load (and with {@code --apply} stores them as the next version's
 * overrides, or with {@code --apply --admin} has a running {@code dx shard-gateway} move them online). Loads come from
 * a file of {@code INSTRUMENT RATE} lines (commands per second; lines starting with '#' are skipped) or from the
 * running shards' {@code /metrics}, read twice a window apart ({@link LoadSource}). {@code move} and {@code apply} ask
 * a running {@code dx shard-gateway} to move instruments online, {@code transfer} to move an account's funds between
 * shards, {@code unlock --force} to release the move lock of a holder that never returns ({@link ShardAdminCommands}).
 * Exit codes: 0 done, 2 bad arguments or files.
 */
@Command(
    name = "shard",
    mixinStandardHelpOptions = true,
    description = "The shard routing table: init, status, plan; online moves: move, apply, unlock; funds: transfer.",
    subcommands = {ShardCommand.Init.class, ShardCommand.Status.class, ShardCommand.Plan.class,
        ShardAdminCommands.Move.class, ShardAdminCommands.Apply.class, ShardAdminCommands.Transfer.class,
        ShardAdminCommands.Unlock.class})
public final class ShardCommand
{
    /** How the last line of a gateway's status answer starts ({@code MoveAdminServer}). */
    private static final String MOVING = "moving: ";

    /**
     * {@code dx shard init}.
     */
    @Command(name = "init", mixinStandardHelpOptions = true, description = "Writes version 1 of a routing table.")
    static final class Init implements Callable<Integer>
    {
        @Spec
        private CommandSpec spec;

        @Option(names = "--table", required = true, paramLabel = "FILE", description = "Routing table file.")
        private Path table;

        @Option(names = "--shards", required = true, paramLabel = "N", description = "Shards, named shard-0...")
        private int shards;

        @Option(names = "--instrument-limit", defaultValue = "4096", description = "Ids routed in advance.")
        private int instrumentLimit;

        @Override
        public Integer call()
        {
            final PrintWriter out = spec.commandLine().getOut();
            if (shards < 1 || shards > RoutingTable.MAX_SHARDS || Files.exists(table))
            {
                spec.commandLine().getErr().println("dx shard init: --shards must be 1 to " + RoutingTable.MAX_SHARDS +
                    " and the table must not exist yet (" + table + ")");
                return 2;
            }
            final List<String> names = new ArrayList<>();
            for (int i = 0; i < shards; i++)
            {
                names.add("shard-" + i);
            }
            new RoutingTableStore(table).save(RoutingTable.of(1, names, ConsistentHashRing.DEFAULT_VIRTUAL_NODES,
                instrumentLimit, new TreeMap<>()));
            out.println("routing table version 1, " + shards + " shards: " + table);
            return 0;
        }
    }

    /**
     * {@code dx shard status}: the table on disk with each shard's instruments and load (instruments are known only
     * from a load source: without one, only the overrides), and with {@code --admin} a running gateway's own answer:
     * the table it follows, the move lock's holder and the instrument it moves, follows or holds (halted for a move).
     */
    @Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Lists each shard's instruments and load (--table with --loads, --metrics or",
            "--gateway-config), and with --admin what a running dx shard-gateway says: the routing table it follows,",
            "the move lock's holder, and the instrument halted for a move there with its source and target."})
    static final class Status implements Callable<Integer>
    {
        @Spec
        private CommandSpec spec;

        @Option(names = "--table", paramLabel = "FILE", description = "Routing table file.")
        private Path table;

        @Mixin
        private LoadSource loads;

        @Option(names = "--admin", paramLabel = "HOST:PORT", description = {"A running dx shard-gateway's move admin",
            "(its --admin-port on loopback): print its status (any user of its user file may ask)."})
        private String admin;

        @Mixin
        private ShardAdminCommands.AdminUser user;

        @Override
        public Integer call() throws IOException
        {
            if (table == null && admin == null)
            {
                spec.commandLine().getErr().println("dx shard status: give --table FILE (the routing table, with a " +
                    "load source to list instruments), --admin HOST:PORT (a running gateway's moves), or both");
                return 2;
            }
            if (table != null)
            {
                final int listed = list();
                if (listed != 0)
                {
                    return listed;
                }
            }
            if (admin == null)
            {
                return 0;
            }
            spec.commandLine().getOut().println("gateway " + admin + ":");
            return ShardAdminCommands.request(spec, admin, user, "status", MOVING);
        }

        private int list() throws IOException
        {
            final Optional<RoutingTable> stored = load(spec, table);
            if (stored.isEmpty())
            {
                return 2;
            }
            final RoutingTable routes = stored.get();
            final PrintWriter out = spec.commandLine().getOut();
            final int shards = routes.shardCount();
            if (!loads.given())
            {
                out.println("routing table version " + routes.version() + ", " + shards + " shards, " +
                    routes.overrides().size() + " overrides");
                for (int s = 0; s < shards; s++)
                {
                    final List<Integer> moved = new ArrayList<>();
                    for (final Map.Entry<Integer, String> override : routes.overrides().entrySet())
                    {
                        if (override.getValue().equals(routes.shardName(s)))
                        {
                            moved.add(override.getKey());
                        }
                    }
                    out.println(String.format(Locale.ROOT, "%-12s overrides to it: %s", routes.shardName(s), moved));
                }
                out.println("instruments and load not listed: the table routes every id below " +
                    routes.instrumentLimit() + "; give --loads, --metrics or --gateway-config to list the " +
                    "instruments that trade");
                return 0;
            }
            final long[] rates = loads.rates(spec, routes, false);
            if (rates == null)
            {
                return 2;
            }
            final long[] shardLoad = new long[shards];
            final List<List<Integer>> held = new ArrayList<>();
            for (int s = 0; s < shards; s++)
            {
                held.add(new ArrayList<>());
            }
            long total = 0;
            for (int id = 1; id < rates.length; id++)
            {
                if (rates[id] >= 0)
                {
                    final int shard = routes.shardOf(id);
                    held.get(shard).add(id);
                    shardLoad[shard] += rates[id];
                    total += rates[id];
                }
            }
            out.println("routing table version " + routes.version() + ", " + shards + " shards, " +
                routes.overrides().size() + " overrides");
            for (int s = 0; s < shards; s++)
            {
                final List<Integer> ids = held.get(s);
                out.println(String.format(Locale.ROOT, "%-12s %6d instruments  load %,12d/s  %5.1f%%  %s",
                    routes.shardName(s), ids.size(), shardLoad[s], total == 0 ? 0.0 : 100.0 * shardLoad[s] / total,
                    ids.size() <= 12 ? ids.toString() : ids.subList(0, 12) + "..."));
            }
            return 0;
        }
    }

    /**
     * {@code dx shard plan}.
     */
    @Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Proposes moves that bring every shard under a target load; --apply stores them.")
    static final class Plan implements Callable<Integer>
    {
        @Spec
        private CommandSpec spec;

        @Option(names = "--table", required = true, paramLabel = "FILE", description = "Routing table file.")
        private Path table;

        @Mixin
        private LoadSource loads;

        @Option(names = "--target", defaultValue = "1.1",
            description = "Most loaded shard over the mean to reach (default 1.1).")
        private double target;

        @Option(names = "--search-budget", paramLabel = "STEPS", defaultValue = "" + ShardPlanner.DEFAULT_BUDGET,
            description = {"Most steps of the exact search for the fewest moves (default ${DEFAULT-VALUE}); when",
                "they run out the plan is the greedy one with the fewest moves proven needed."})
        private long searchBudget;

        @Option(names = "--apply", description = {"Perform the moves: with --admin, online through that running",
            "dx shard-gateway (as dx shard apply; the plan is written to --plan-table first); without, store them as",
            "the table's next version (routes only: books are not moved)."})
        private boolean apply;

        @Option(names = "--plan-table", paramLabel = "FILE",
            description = "Where --apply --admin writes the proposed table (default: TABLE.plan).")
        private Path planTable;

        @Mixin
        private ShardAdminCommands.AdminLogin admin;

        @Override
        public Integer call() throws IOException
        {
            final Optional<RoutingTable> stored = load(spec, table);
            if (stored.isEmpty() || target < 1 || searchBudget < 0)
            {
                spec.commandLine().getErr().println("dx shard plan: needs a table, --target >= 1 and " +
                    "--search-budget >= 0");
                return 2;
            }
            final long[] rates = loads.rates(spec, stored.get(), true);
            if (rates == null)
            {
                return 2;
            }
            final RoutingTable routes = stored.get();
            final int[] owners = new int[rates.length];
            final long[] planned = new long[rates.length];
            for (int id = 1; id < rates.length; id++)
            {
                owners[id] = routes.shardOf(id);
                planned[id] = Math.max(0, rates[id]);
            }
            final ShardPlan plan = ShardPlanner.plan(planned, owners, routes.shardCount(), target, searchBudget);
            final PrintWriter out = spec.commandLine().getOut();
            for (final ShardPlan.Move move : plan.moves())
            {
                out.println("move " + move.instrumentId() + " " + routes.shardName(move.from()) + " -> " +
                    routes.shardName(move.to()) + " (load " + move.load() + "/s)");
            }
            out.println(String.format(Locale.ROOT, "%d moves, most loaded shard over the mean %.2f -> %.2f " +
                "(goal %.2f, %s)", plan.moves().size(), plan.ratioBefore(), plan.ratioAfter(), plan.goalRatio(),
                plan.reached() ? "reached" : "not reached"));
            out.println(proof(plan));
            if (!apply || plan.moves().isEmpty())
            {
                return 0;
            }
            final TreeMap<Integer, String> overrides = new TreeMap<>(routes.overrides());
            for (final ShardPlan.Move move : plan.moves())
            {
                overrides.put(move.instrumentId(), routes.shardName(move.to()));
            }
            final RoutingTable next = RoutingTable.of(routes.version() + 1, routes.shards(),
                routes.virtualNodes(), routes.instrumentLimit(), overrides);
            if (spec.commandLine().getParseResult().hasMatchedOption("--admin"))
            {
                final Path proposed = planTable != null ? planTable : Path.of(table + ".plan");
                Files.deleteIfExists(proposed);
                new RoutingTableStore(proposed).save(next);
                out.println("proposed routing table written to " + proposed + "; asking the gateway to apply it");
                out.flush();
                return ShardAdminCommands.request(spec, admin, "apply " + proposed.toAbsolutePath(), "applied");
            }
            new RoutingTableStore(table).save(next);
            out.println("stored routing table version " + next.version());
            return 0;
        }
    }

    /**
     * @return what is proven about the plan's number of moves, one line.
     */
    static String proof(final ShardPlan plan)
    {
        return switch (plan.proof())
        {
            case EXACT -> "fewest moves: proven";
            case GREEDY -> plan.reached() ?
                plan.moves().size() + " moves, at least " + plan.lowerBound() + " needed (" + plan.reason() + ")" :
                "goal not reached; at least " + plan.lowerBound() + " moves needed if any plan reaches it (" +
                plan.reason() + ")";
            case INFEASIBLE -> "infeasible: " + plan.reason();
        };
    }

    private static Optional<RoutingTable> load(final CommandSpec spec, final Path table)
    {
        final Optional<RoutingTable> stored = new RoutingTableStore(table).load();
        if (stored.isEmpty())
        {
            spec.commandLine().getErr().println("dx shard: no routing table at " + table + " (dx shard init)");
        }
        return stored;
    }
}
