package io.disruptorx.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Run in a child JVM by {@link JournalWriterTest}: opens a journal, lowers its own file size limit
 * ({@code RLIMIT_FSIZE}, with {@code prlimit}) below the segment size so that creating the next segment fails
 * with a real {@code EFBIG} after the file exists (on the {@link WritePath#WRITE} path the write of the full segment's
 * second half fails first, also with {@code EFBIG}), appends until the roll fails, raises the limit again and
 * appends once more, which must roll. The JVM ignores {@code SIGXFSZ}, so the failure is an exception.
 *
 * <p>Prints {@code ROLL FAILED <message>} and then {@code ROLL OK <segment index>} or {@code ROLL FAILED AGAIN
 * <message>}; exits 0 unless something unexpected happened.
 */
public final class FileSizeLimitedRoll
{
    static final int SEGMENT_SIZE = 64 * 1024;
    static final int PAYLOAD = 1000;

    private FileSizeLimitedRoll()
    {
    }

    /**
     * @param args the journal directory and the {@link WritePath}.
     * @throws Exception when prlimit cannot be run.
     */
    public static void main(final String[] args) throws Exception
    {
        final JournalConfig config = JournalConfig.durable(Path.of(args[0])).withSegmentSize(SEGMENT_SIZE)
            .withWritePath(WritePath.valueOf(args[1]));
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[PAYLOAD]);
        try (JournalWriter writer = JournalWriter.open(config, (s, b, o, l) -> { }))
        {
            limitFileSize(Integer.toString(SEGMENT_SIZE / 2));
            RuntimeException failure = null;
            while (failure == null)
            {
                try
                {
                    writer.append(writer.lastSequence() + 1, payload, 0, PAYLOAD);
                }
                catch (final RuntimeException ex)
                {
                    failure = ex;
                }
            }
            System.out.println("ROLL FAILED " + failure.getMessage());
            limitFileSize("unlimited");
            try
            {
                writer.append(writer.lastSequence() + 1, payload, 0, PAYLOAD);
                writer.endOfBatch();
                System.out.println("ROLL OK " + (writer.size() / SEGMENT_SIZE));
            }
            catch (final RuntimeException ex)
            {
                System.out.println("ROLL FAILED AGAIN " + ex.getMessage());
            }
        }
    }

    private static void limitFileSize(final String soft) throws IOException, InterruptedException
    {
        final Process prlimit = new ProcessBuilder("prlimit", "--pid", Long.toString(ProcessHandle.current().pid()),
            "--fsize=" + soft + ":").inheritIO().start();
        if (!prlimit.waitFor(30, TimeUnit.SECONDS) || prlimit.exitValue() != 0)
        {
            throw new IllegalStateException("prlimit --fsize=" + soft + ": failed");
        }
    }
}
