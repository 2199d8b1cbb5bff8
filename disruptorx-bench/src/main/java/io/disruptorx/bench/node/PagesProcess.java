package io.disruptorx.bench.node;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.disruptorx.http.BackgroundPriority;

/**
 * A child JVM running {@link PageClients}: the dashboard bench's pages in their own process. It runs at the
 * priority {@link BackgroundPriority} chooses for the venue's background threads ({@code idle}: started under
 * util-linux's {@code chrt --idle 0}, so every thread of the child, the JVM's own included, has the
 * {@code SCHED_IDLE} policy; {@code nice}: under {@code nice -n 19}; {@code normal}: as it is), standing in for
 * browsers on other machines; with a small serial-collected heap.
 */
final class PagesProcess implements AutoCloseable
{
    private static final long START_SECONDS = 60;
    private static final long REPORT_SECONDS = 10;
    private static final Pattern OPEN = Pattern.compile("^open (\\d+) cpu_ns=(-?\\d+)$");
    private static final Pattern REPORT = Pattern.compile("^report updates=(\\d+) bytes=(\\d+) cpu_ns=(-?\\d+)$");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final long openCpuNanos;
    private final long openedAt;

    private PagesProcess(final Process process) throws InterruptedException
    {
        this.process = process;
        final Thread reader = new Thread(this::read, "pages-process-stdout");
        reader.setDaemon(true);
        reader.start();
        final Matcher open = await(OPEN, START_SECONDS);
        openCpuNanos = Long.parseLong(open.group(2));
        openedAt = System.nanoTime();
    }

    /**
     * Starts the child and waits until its pages are open.
     *
     * @param uri        the dashboard's WebSocket.
     * @param pages      how many pages (0: the child runs and opens none).
     * @param instrument the instrument the pages show.
     * @param clients    {@code jdk} or {@code raw} ({@link PageClients}); raw pages' JVM also compiles with C1
     *                   only and one compiler thread, so that the harness costs the shared cores as little as it can.
     * @return the running child.
     * @throws IllegalStateException when it does not say its pages are open within a minute.
     */
    static PagesProcess start(final URI uri, final int pages, final long instrument, final String clients)
    {
        final List<String> command = new ArrayList<>(priorityPrefix());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx128m", "-XX:+UseSerialGC"));
        if (clients.equals("raw"))
        {
            command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:-UsePerfData"));
        }
        command.addAll(List.of("-cp",
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
            PageClients.class.getName(), uri.toString(), Integer.toString(pages), Long.toString(instrument), clients));
        try
        {
            return new PagesProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("starting " + String.join(" ", command), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the pages opened", ex);
        }
    }

    /**
     * @return the command line's start that lowers the child's priority as {@link BackgroundPriority#mode()} says,
     *     empty when it says {@code normal} or the tool is not on the path.
     */
    static List<String> priorityPrefix()
    {
        final String mode = BackgroundPriority.mode();
        if (mode.equals("normal"))
        {
            return List.of();
        }
        final List<String> prefix = mode.equals("nice") ? List.of("nice", "-n", "19") : List.of("chrt", "--idle", "0");
        for (final String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, prefix.get(0))))
            {
                return prefix;
            }
        }
        System.err.println("dashboard bench: no " + prefix.get(0) + " on the path; the pages' process keeps its " +
            "priority");
        return List.of();
    }

    /**
     * @return the child's process id.
     */
    long pid()
    {
        return process.pid();
    }

    /**
     * Stops (SIGSTOP) or continues (SIGCONT) the child: stopped, its pages stay open and subscribed but it takes no
     * CPU and reads nothing (the dashboard's updates wait in the sockets' buffers), which tells the venue's cost of
     * serving the pages from the clients' own.
     *
     * @param stopped whether to stop it.
     */
    void signal(final boolean stopped)
    {
        try
        {
            final Process kill = new ProcessBuilder("kill", stopped ? "-STOP" : "-CONT", Long.toString(process.pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(REPORT_SECONDS, TimeUnit.SECONDS) || kill.exitValue() != 0)
            {
                throw new IllegalStateException("kill " + (stopped ? "-STOP " : "-CONT ") + process.pid() + " failed");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("signalling the pages' process", ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling the pages' process", ex);
        }
    }

    /**
     * @return what the pages took since they opened, as the child counts them.
     * @throws IllegalStateException when the child does not answer within 10 s.
     */
    Report report()
    {
        try
        {
            final OutputStream in = process.getOutputStream();
            in.write("report\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            final Matcher report = await(REPORT, REPORT_SECONDS);
            final double seconds = (System.nanoTime() - openedAt) / 1e9;
            return new Report(Long.parseLong(report.group(1)), Long.parseLong(report.group(2)),
                (Long.parseLong(report.group(3)) - openCpuNanos) / 1e6 / seconds);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("asking the pages' process for its report", ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the pages' process reported", ex);
        }
    }

    /**
     * What the child's pages took.
     *
     * @param updates          complete updates, all pages together.
     * @param bytes            their characters.
     * @param cpuMillisPerSecond the child process's CPU (all its threads, the JVM's own included) per second since
     *                         the pages opened.
     */
    record Report(long updates, long bytes, double cpuMillisPerSecond)
    {
        String describe()
        {
            return String.format(Locale.ROOT, "took %,d updates (%,d bytes); pages' process cpu %.1f ms/s", updates,
                bytes, cpuMillisPerSecond);
        }
    }

    private Matcher await(final Pattern pattern, final long seconds) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        final List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline)
        {
            final String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null)
            {
                final Matcher matcher = pattern.matcher(line);
                if (matcher.matches())
                {
                    return matcher;
                }
                seen.add(line);
            }
            else if (!process.isAlive() && lines.isEmpty())
            {
                break;
            }
        }
        throw new IllegalStateException("the pages' process (alive " + process.isAlive() + ") did not print " +
            pattern + "; it printed " + seen);
    }

    private void read()
    {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                lines.add(line);
            }
        }
        catch (final IOException ex)
        {
            lines.add("(unreadable: " + ex.getMessage() + ")");
        }
    }

    /**
     * Ends its input (it closes its pages and exits) and waits; kills it after 10 s.
     */
    @Override
    public void close()
    {
        try
        {
            process.getOutputStream().close();
            if (!process.waitFor(REPORT_SECONDS, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                process.waitFor(REPORT_SECONDS, TimeUnit.SECONDS);
            }
        }
        catch (final IOException ex)
        {
            process.destroyForcibly();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
