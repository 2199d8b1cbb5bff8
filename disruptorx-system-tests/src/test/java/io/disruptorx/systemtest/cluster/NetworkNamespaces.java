package io.disruptorx.systemtest.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Three network namespaces on one bridge, one per member, so a test can cut one member off from the others
 * (their addresses resolve to a hardware address nobody has) while it stays reachable from the test's own
 * namespace. Needs root and iproute2; the namespaces, links and bridge are removed
 * on close.
 */
final class NetworkNamespaces implements AutoCloseable
{
    /** A locally administered hardware address no interface here has. */
    private static final String NOWHERE = "02:00:5e:00:de:ad";

    private final String prefix;
    private final int subnet;
    private final int size;

    NetworkNamespaces(final int size)
    {
        this.size = size;
        final long pid = ProcessHandle.current().pid();
        this.prefix = "dxp" + (pid % 10_000);
        this.subnet = 10 + (int)(pid % 200);
        run("ip", "link", "add", bridge(), "type", "bridge");
        run("ip", "addr", "add", hostAddress() + "/24", "dev", bridge());
        run("ip", "link", "set", bridge(), "up");
        for (int i = 0; i < size; i++)
        {
            run("ip", "netns", "add", namespace(i));
            run("ip", "link", "add", prefix + "v" + i, "type", "veth", "peer", "name", prefix + "p" + i);
            run("ip", "link", "set", prefix + "p" + i, "netns", namespace(i));
            run("ip", "link", "set", prefix + "v" + i, "master", bridge());
            run("ip", "link", "set", prefix + "v" + i, "up");
            run("ip", "-n", namespace(i), "addr", "add", memberAddress(i) + "/24", "dev", prefix + "p" + i);
            run("ip", "-n", namespace(i), "link", "set", prefix + "p" + i, "up");
            run("ip", "-n", namespace(i), "link", "set", "lo", "up");
        }
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
    }

    String namespace(final int member)
    {
        return prefix + "n" + member;
    }

    String memberAddress(final int member)
    {
        return "10.77." + subnet + "." + (member + 1);
    }

    /**
     * @return this namespace's address on the bridge.
     */
    String hostAddress()
    {
        return "10.77." + subnet + ".254";
    }

    List<String> hosts()
    {
        final List<String> hosts = new ArrayList<>();
        for (int i = 0; i < size; i++)
        {
            hosts.add(memberAddress(i));
        }
        return hosts;
    }

    /**
     * @param member a member.
     * @return how its command line starts: in its namespace.
     */
    List<String> commandPrefix(final int member)
    {
        return List.of("ip", "netns", "exec", namespace(member));
    }

    /**
     * Cuts a member off from the other members both ways, silently: in its namespace the other members' addresses
     * resolve to a hardware address no interface has, and in theirs its address does, so every frame between them
     * is dropped by the bridge's peers while every send still succeeds (as on a real broken link). The test's
     * namespace still reaches every member.
     *
     * @param member the member to cut off.
     */
    void isolate(final int member)
    {
        for (int other = 0; other < size; other++)
        {
            if (other != member)
            {
                poison(member, other);
                poison(other, member);
            }
        }
    }

    /**
     * @param member a member cut off by {@link #isolate}.
     */
    void heal(final int member)
    {
        for (int other = 0; other < size; other++)
        {
            if (other != member)
            {
                run("ip", "-n", namespace(member), "neigh", "del", memberAddress(other), "dev", prefix + "p" + member);
                run("ip", "-n", namespace(other), "neigh", "del", memberAddress(member), "dev", prefix + "p" + other);
            }
        }
    }

    private void poison(final int in, final int to)
    {
        run("ip", "-n", namespace(in), "neigh", "replace", memberAddress(to), "lladdr", NOWHERE,
            "dev", prefix + "p" + in, "nud", "permanent");
    }

    @Override
    public void close()
    {
        for (int i = 0; i < size; i++)
        {
            quietly("ip", "netns", "del", namespace(i));
            quietly("ip", "link", "del", prefix + "v" + i);
        }
        quietly("ip", "link", "del", bridge());
    }

    private String bridge()
    {
        return prefix + "br";
    }

    private static void run(final String... command)
    {
        final int exit = execute(command);
        if (exit != 0)
        {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
        }
    }

    private static void quietly(final String... command)
    {
        execute(command);
    }

    private static int execute(final String... command)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                return -1;
            }
            if (process.exitValue() != 0 && !output.isBlank())
            {
                System.err.println(String.join(" ", command) + ": " + output.trim());
            }
            return process.exitValue();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
