package io.disruptorx.cluster;

/**
 * Where one cluster member listens: a host and a block of consecutive ports from {@code basePort}.
 *
 * <pre>
 *   basePort + 0  ingress (gateways send commands here)
 *   basePort + 1  consensus (members' Raft traffic)
 *   basePort + 2  log (the leader replicates the log to it)
 *   basePort + 3  catch-up (a lagging member receives the log here)
 *   basePort + 4  archive control
 *   basePort + 5  archive replication
 *   basePort + 6  cluster log replication (a member copying the log or a snapshot from another)
 * </pre>
 *
 * @param id       member id, 0 to members - 1.
 * @param host     host name or address the other members and the gateways reach it on.
 * @param basePort first port of its block.
 */
public record MemberAddress(int id, String host, int basePort)
{
    /** Ports a member uses. */
    public static final int PORTS = 7;

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
     * @return host:port of the catch-up channel.
     */
    public String catchup()
    {
        return endpoint(3);
    }

    /**
     * @return host:port of the archive control channel.
     */
    public String archiveControl()
    {
        return endpoint(4);
    }

    /**
     * @return host:port of the archive replication channel.
     */
    public String archiveReplication()
    {
        return endpoint(5);
    }

    /**
     * @return host:port of the cluster replication channel.
     */
    public String clusterReplication()
    {
        return endpoint(6);
    }

    private String endpoint(final int offset)
    {
        return host + ":" + (basePort + offset);
    }
}
