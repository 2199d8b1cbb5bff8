package io.disruptorx.cluster;

import java.nio.file.Path;
import java.util.List;

import io.disruptorx.cluster.service.ServiceConfig;

/**
 * Everything one member needs: who it is, where every member listens, its own directory, the timeouts and the
 * clustered service's settings.
 *
 * <pre>
 *   directory/aeron     the media driver (deleted on start), unless aeronDir puts it elsewhere (/dev/shm)
 *   directory/archive   the log and snapshot recordings
 *   directory/cluster   the consensus module's recording log and mark files
 *   directory/state     a copy of the service state at each snapshot (state-&lt;position&gt;.bin)
 * </pre>
 *
 * @param memberId  this member's id.
 * @param members   every member, in id order (3 or 5 for a majority that survives 1 or 2 failures).
 * @param directory this member's directory.
 * @param timeouts  consensus timeouts; the same on every member.
 * @param service   the clustered service's settings.
 * @param aeronDir  the media driver's directory, or {@code null} for {@code directory/aeron}; on Linux a
 *                  directory on {@code /dev/shm} keeps the driver's buffers in memory instead of on the volume.
 */
public record ClusterMemberConfig(
    int memberId,
    List<MemberAddress> members,
    Path directory,
    ClusterTimeouts timeouts,
    ServiceConfig service,
    Path aeronDir)
{
    /**
     * A member whose media driver lives in {@code directory/aeron}.
     */
    public ClusterMemberConfig(
        final int memberId,
        final List<MemberAddress> members,
        final Path directory,
        final ClusterTimeouts timeouts,
        final ServiceConfig service)
    {
        this(memberId, members, directory, timeouts, service, null);
    }

    /**
     * Validates and copies.
     */
    public ClusterMemberConfig
    {
        members = List.copyOf(members);
        if (members.isEmpty())
        {
            throw new IllegalArgumentException("members must name at least one member");
        }
        for (int i = 0; i < members.size(); i++)
        {
            if (members.get(i).id() != i)
            {
                throw new IllegalArgumentException("members must be listed in id order 0.." + (members.size() - 1) +
                    ", found id " + members.get(i).id() + " at " + i);
            }
        }
        if (memberId < 0 || memberId >= members.size())
        {
            throw new IllegalArgumentException(
                "member id must be in [0, " + (members.size() - 1) + "], was " + memberId);
        }
        if (directory == null || timeouts == null || service == null)
        {
            throw new IllegalArgumentException("directory, timeouts and service must be set");
        }
    }

    /**
     * @return this member's address.
     */
    public MemberAddress self()
    {
        return members.get(memberId);
    }

    /**
     * @return the media driver's directory.
     */
    public Path aeronDirectory()
    {
        return aeronDir != null ? aeronDir : directory.resolve("aeron");
    }

    /**
     * @return the archive's directory.
     */
    public Path archiveDirectory()
    {
        return directory.resolve("archive");
    }

    /**
     * @return the consensus module's directory.
     */
    public Path clusterDirectory()
    {
        return directory.resolve("cluster");
    }

    /**
     * @return the directory of the state copies.
     */
    public Path stateDirectory()
    {
        return directory.resolve("state");
    }

    /**
     * @return Aeron's member list: {@code id,ingress,consensus,log,catchup,archive|...}; the catch-up endpoint is an
     * ephemeral port (a fixed one clashes with the lingering publication of an earlier catch-up attempt).
     */
    public String clusterMembersString()
    {
        final StringBuilder builder = new StringBuilder();
        for (final MemberAddress member : members)
        {
            if (builder.length() > 0)
            {
                builder.append('|');
            }
            builder.append(member.id()).append(',').append(member.ingress()).append(',').append(member.consensus())
                .append(',').append(member.log()).append(',').append(member.ephemeral()).append(',')
                .append(member.archiveControl());
        }
        return builder.toString();
    }

    /**
     * @param members every member.
     * @return what a client's {@code ingressEndpoints} wants: {@code 0=host:port,1=host:port,...}.
     */
    public static String ingressEndpoints(final List<MemberAddress> members)
    {
        final StringBuilder builder = new StringBuilder();
        for (final MemberAddress member : members)
        {
            if (builder.length() > 0)
            {
                builder.append(',');
            }
            builder.append(member.id()).append('=').append(member.ingress());
        }
        return builder.toString();
    }
}
