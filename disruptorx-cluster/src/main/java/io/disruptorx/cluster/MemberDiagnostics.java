package io.disruptorx.cluster;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.aeron.CncFileDescriptor;
import io.aeron.cluster.service.ClusterMarkFile;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.ErrorLogReader;

/**
 * What may tell why a member is stuck, for {@link ClusterStartup}'s report: the distinct errors in its Aeron error
 * logs (the media driver's, the consensus module's and the clustered service's mark files), readable from any
 * process on the host; and, for a member running in this process, the stacks of its consensus module and service
 * threads (named after the member by {@link ClusterMember}).
 */
public final class MemberDiagnostics
{
    private static final int MAX_ERRORS = 8;
    private static final int ERROR_LINES = 4;
    private static final int MAX_FRAMES = 24;
    private static final long MARK_FILE_WAIT_MILLIS = 100;

    private MemberDiagnostics()
    {
    }

    /**
     * @param config the member's settings (its directories).
     * @return its latest distinct errors (first lines of each), one file after another; empty when none.
     */
    public static String errorLogs(final ClusterMemberConfig config)
    {
        final StringBuilder text = new StringBuilder();
        driverErrors(config.aeronDirectory().resolve(CncFileDescriptor.CNC_FILE), text);
        for (final String name : List.of(ClusterMarkFile.FILENAME, ClusterMarkFile.markFilenameForService(0)))
        {
            markFileErrors(config.clusterDirectory(), name, text);
        }
        return text.toString();
    }

    /**
     * @param memberId a member running in this process.
     * @return the stacks of its consensus module and clustered service threads; empty when it runs elsewhere.
     */
    public static String threadStacks(final int memberId)
    {
        final List<String> names = List.of(ClusterMember.consensusThreadName(memberId),
            ClusterMember.serviceThreadName(memberId));
        final StringBuilder text = new StringBuilder();
        for (final Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet())
        {
            if (!names.contains(thread.getKey().getName()))
            {
                continue;
            }
            text.append("thread ").append(thread.getKey().getName()).append(' ').append(thread.getKey().getState())
                .append('\n');
            final StackTraceElement[] frames = thread.getValue();
            for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++)
            {
                text.append("    at ").append(frames[i]).append('\n');
            }
        }
        return text.toString();
    }

    private static void driverErrors(final Path cnc, final StringBuilder text)
    {
        if (!Files.exists(cnc))
        {
            return;
        }
        final MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(cnc, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            if (channel.size() < CncFileDescriptor.END_OF_METADATA_OFFSET)
            {
                return;
            }
            mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
        }
        catch (final IOException | RuntimeException ex)
        {
            text.append("media driver errors: unreadable (").append(ex).append(")\n");
            return;
        }
        try
        {
            final UnsafeBuffer meta = CncFileDescriptor.createMetaDataBuffer(mapped);
            if (meta.getInt(CncFileDescriptor.cncVersionOffset(0)) == CncFileDescriptor.CNC_VERSION)
            {
                append("media driver", CncFileDescriptor.createErrorLogBuffer(mapped, meta), text);
            }
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    private static void markFileErrors(final Path directory, final String name, final StringBuilder text)
    {
        if (!Files.exists(directory.resolve(name)))
        {
            return;
        }
        try (ClusterMarkFile markFile = new ClusterMarkFile(
            directory.toFile(), name, System::currentTimeMillis, MARK_FILE_WAIT_MILLIS, (line) ->
            {
            }))
        {
            append(name, markFile.errorBuffer(), text);
        }
        catch (final RuntimeException ex)
        {
            text.append(name).append(": unreadable (").append(ex).append(")\n");
        }
    }

    private static void append(final String source, final AtomicBuffer log, final StringBuilder text)
    {
        final List<String> errors = new ArrayList<>();
        ErrorLogReader.read(log, (count, firstMillis, lastMillis, encodedException) ->
        {
            final String[] lines = encodedException.split("\n", ERROR_LINES + 1);
            final StringBuilder error = new StringBuilder("  x").append(count).append(' ').append(lines[0].strip());
            for (int i = 1; i < Math.min(lines.length, ERROR_LINES); i++)
            {
                error.append("\n    ").append(lines[i].strip());
            }
            errors.add(error.toString());
        });
        if (errors.isEmpty())
        {
            return;
        }
        text.append(source).append(" errors (").append(errors.size()).append(" distinct")
            .append(errors.size() > MAX_ERRORS ? ", the last " + MAX_ERRORS : "").append("):\n");
        for (final String error : errors.subList(Math.max(0, errors.size() - MAX_ERRORS), errors.size()))
        {
            text.append(error).append('\n');
        }
    }
}
