package io.disruptorx.systemtest;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.embedded.PassiveReplica;

/**
 * The active node of {@link FencingTest}, in a JVM of its own: it starts a node on a data directory, then probes
 * the directory's lock from its own JVM the ways a process with a replica or a second node would, and keeps
 * running until told to stop.
 *
 * <p>Prints {@code ACTIVE}, then {@code PROBED <activeIsRunning> <second start> <promote>} (each probe's outcome:
 * {@code true}/{@code false}, or {@code refused}/{@code started}), then, after a line {@code STOP} on stdin,
 * {@code STOPPED}.
 */
public final class FencingProbeNode
{
    private FencingProbeNode()
    {
    }

    /**
     * @param args the data directory.
     * @throws Exception when stdin fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final NodeConfig config = config(Path.of(args[0]));
        final EmbeddedNode node = EmbeddedNode.start(config, null, null);
        System.out.println("ACTIVE");
        final PassiveReplica replica = PassiveReplica.start(config);
        final boolean activeIsRunning = replica.activeIsRunning();
        final String secondStart = outcome(() -> EmbeddedNode.start(config, null, null).close());
        final String promote = outcome(() -> replica.promote(Duration.ofMillis(200), null, null).close());
        replica.close();
        System.out.println("PROBED " + activeIsRunning + " " + secondStart + " " + promote);
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        String line;
        while ((line = in.readLine()) != null && !"STOP".equals(line))
        {
            System.out.println("IGNORED " + line);
        }
        node.close();
        System.out.println("STOPPED");
    }

    static NodeConfig config(final Path dataDirectory)
    {
        return NodeConfig.defaults(dataDirectory).withSegmentSize(1024 * 1024).withRingSizes(1024, 4096);
    }

    private static String outcome(final Runnable attempt)
    {
        try
        {
            attempt.run();
            return "started";
        }
        catch (final IllegalStateException ex)
        {
            return "refused";
        }
    }
}
