package io.disruptorx.cluster;

/**
 * Where one cluster member listens: a host and a block of consecutive ports from {@code basePort}.
 *
 * <pre>
 *   basePort + 0  ingress (gateways send commands here)
 *   basePort + 1  consensus (members' Raft traffic)
 *   basePort + 2  log (the leader replicates the log to it)
 *   basePort + 3  archive control (another member's archive asks this one for the log or a snapshot)
 * </pre>
 *
 * <p>The streams a member receives only now and then (catch-up, log and snapshot replication) use ephemeral
 * ports: a fixed one clashes with the lingering channel of an earlier attempt when elections come quickly.
 *
 * @param id       member id, 0 to members - 1.
 * @param host     host name or address the other members and the gateways reach it on.
 * @param basePort first port of its block.
 */
public record MemberAddress(int id, String host, int basePort)
{
    /** Ports a member uses. */
    public static final int PORTS = 4;

    /**
     * Validates.
     */
    public MemberAddress
    {
        if (id < 0)
        {
            throw new IllegalArgumentException("member id must not be negative, was " + id);
        }
        if (host == null || host.isBlank())
        {
            throw new IllegalArgumentException("member " + id + " host must be set");
        }
        if (basePort < 1024 || basePort + PORTS > 65_536)
        {
            throw new IllegalArgumentException("member " + id + " base port must be in [1024, " + (65_536 - PORTS) +
                "], was " + basePort);
        }
    }

    /**
     * @return host:port of the ingress.
     */
    public String ingress()
    {
        return endpoint(0);
    }

    /**
     * @return host:port of the consensus channel.
     */
    public String consensus()
    {
        return endpoint(1);
    }

    /**
     * @return host:port of the log channel.
     */
    public String log()
    {
        return endpoint(2);
    }

    /**
     * @return host:port of the archive control channel.
     */
    public String archiveControl()
    {
        return endpoint(3);
    }

    /**
     * @return host:0, for the channels that take an ephemeral port.
     */
    public String ephemeral()
    {
        return host + ":0";
    }

    private String endpoint(final int offset)
    {
        return host + ":" + (basePort + offset);
    }
}
