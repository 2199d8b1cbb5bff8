package io.disruptorx.node.feed;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a scenario with multicast on loopback inside a fresh network namespace (a child JVM under
 * {@code ip netns exec}) when namespaces work here (root, iproute2), and otherwise in this JVM with unicast
 * on 127.0.0.1. Prints which mode it used.
 */
final class MulticastSupport
{
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static Boolean available;

    private MulticastSupport()
    {
    }

    static synchronized boolean namespacesAvailable()
    {
        if (available == null && Boolean.getBoolean("dx.md.forceUnicast"))
        {
            available = false;
        }
        if (available == null)
        {
            final String name = "dxmdprobe" + ProcessHandle.current().pid();
            available = exec(10, "ip", "netns", "add", name).exitCode == 0;
            if (available)
            {
                exec(10, "ip", "netns", "del", name);
            }
        }
        return available;
    }

    /**
     * @return the scenario's summary line.
     */
    static String runScenario(final String scenario, final long seed)
    {
        if (!namespacesAvailable())
        {
            System.out.println("[md-test] " + scenario +
                ": mode=unicast-127.0.0.1 (network namespaces unavailable or -Ddx.md.forceUnicast)");
            final String summary = FeedScenarios.run(scenario, false, seed);
            System.out.println("[md-test] " + scenario + " OK " + summary);
            return summary;
        }
        final String namespace = "dxmd" + ProcessHandle.current().pid() + "n" + NAMESPACES.incrementAndGet();
        System.out.println("[md-test] " + scenario + ": mode=multicast-on-lo in network namespace " + namespace);
        try
        {
            check(exec(10, "ip", "netns", "add", namespace));
            check(exec(10, "ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up"));
            check(exec(10, "ip", "netns", "exec", namespace, "ip", "route", "add", "224.0.0.0/4", "dev", "lo"));
            final String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
            final String classpath = System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path"));
            final Result result = exec(240, "ip", "netns", "exec", namespace, java, "-Xmx768m",
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "-cp", classpath,
                FeedScenarioMain.class.getName(), scenario, Long.toString(seed));
            System.out.println(result.output);
            FeedScenarios.check(result.exitCode == 0, "child scenario failed (exit " + result.exitCode + ")");
            final String marker = "SCENARIO " + scenario + " OK ";
            final int at = result.output.indexOf(marker);
            FeedScenarios.check(at >= 0, "child printed no result");
            return result.output.substring(at + marker.length()).trim();
        }
        finally
        {
            exec(10, "ip", "netns", "del", namespace);
        }
    }

    private static void check(final Result result)
    {
        FeedScenarios.check(result.exitCode == 0, "command failed: " + result.output);
    }

    private static Result exec(final int timeoutSeconds, final String... command)
    {
        final List<String> arguments = new ArrayList<>(List.of(command));
        try
        {
            final Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
            final byte[][] output = new byte[1][];
            final Thread reader = new Thread(() ->
            {
                try
                {
                    output[0] = process.getInputStream().readAllBytes();
                }
                catch (final IOException ex)
                {
                    output[0] = ex.toString().getBytes(StandardCharsets.UTF_8);
                }
            });
            reader.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                reader.join(5_000);
                return new Result(-1, "timed out: " + String.join(" ", arguments));
            }
            reader.join(5_000);
            return new Result(process.exitValue(),
                output[0] == null ? "" : new String(output[0], StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            return new Result(-1, ex.toString());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return new Result(-1, ex.toString());
        }
    }

    private static final class Result
    {
        private final int exitCode;
        private final String output;

        Result(final int exitCode, final String output)
        {
            this.exitCode = exitCode;
            this.output = output;
        }
    }
}
