package io.disruptorx.core.process;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A program in a process of its own (usually a JVM running {@code dx}), its standard output read line by line on a
 * daemon thread and its standard error appended to a file. Tests wait for lines, stop it with SIGTERM (a clean
 * stop: its exit code is kept) or kill it with SIGKILL, and may freeze it for a while (SIGSTOP, then SIGCONT).
 */
public final class ChildJvm implements AutoCloseable
{
    /** The flags Aeron and Artio need on JDK 17+. */
    public static final List<String> OPEN_FLAGS = List.of(
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.base/java.util.zip=ALL-UNNAMED");
    /**
     * Prefixes of the system properties a child inherits from this JVM: the build sets Aeron's liveness timeouts and
     * the cluster clock in its test JVMs ({@code aeron.driver.timeout}, {@code dx.cluster.clock}, ...) so that a step
     * of the system clock trips neither them nor the {@code dx} processes they start (docs/cluster.md).
     */
    private static final List<String> INHERITED_PREFIXES = List.of("aeron.", "dx.");
    private static final long STOP_WAIT_SECONDS = 30;

    private final Process process;
    private final String name;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private boolean paused;

    private ChildJvm(final Process process, final String name)
    {
        this.process = process;
        this.name = name;
        final Thread reader = new Thread(this::read, name + "-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @return this test's class path (Surefire's, else the JVM's).
     */
    public static String testClassPath()
    {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /**
     * @param classPath the child's class path.
     * @param mainClass the class whose main method it runs.
     * @param arguments its arguments.
     * @return the command line of a JVM (this JVM's {@code java}, a 256 MB heap, {@link #OPEN_FLAGS}) running it.
     */
    public static List<String> javaCommand(final String classPath, final String mainClass,
        final List<String> arguments)
    {
        return javaCommand(List.of("-Xmx256m"), classPath, mainClass, arguments);
    }

    /**
     * @param jvmOptions options before {@link #OPEN_FLAGS}, such as the heap and the collector.
     * @param classPath  the child's class path.
     * @param mainClass  the class whose main method it runs.
     * @param arguments  its arguments.
     * @return the command line of a JVM (this JVM's {@code java}, with {@link #inheritedProperties()}) running it.
     */
    public static List<String> javaCommand(final List<String> jvmOptions, final String classPath,
        final String mainClass, final List<String> arguments)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(inheritedProperties());
        command.addAll(OPEN_FLAGS);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }

    /**
     * @return a {@code -Dname=value} option for each system property of this JVM named {@code aeron.*} or
     * {@code dx.*}, sorted by name.
     */
    public static List<String> inheritedProperties()
    {
        final List<String> options = new ArrayList<>();
        for (final String name : new TreeSet<>(System.getProperties().stringPropertyNames()))
        {
            for (final String prefix : INHERITED_PREFIXES)
            {
                if (name.startsWith(prefix))
                {
                    options.add("-D" + name + "=" + System.getProperty(name));
                }
            }
        }
        return options;
    }

    /**
     * @param classPath the class path elements.
     * @return them joined with the platform's separator.
     */
    public static String classPath(final Path... classPath)
    {
        final List<String> elements = new ArrayList<>();
        for (final Path element : classPath)
        {
            elements.add(element.toString());
        }
        return String.join(File.pathSeparator, elements);
    }

    /**
     * @param name      what failure messages call it.
     * @param command   its command line.
     * @param directory its working directory, or null for this one's.
     * @param stderr    where its standard error goes (appended).
     * @return the running process.
     * @throws IOException when it cannot be started.
     */
    public static ChildJvm start(final String name, final List<String> command, final Path directory,
        final Path stderr) throws IOException
    {
        final ProcessBuilder builder = new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
        if (directory != null)
        {
            builder.directory(directory.toFile());
        }
        return new ChildJvm(builder.start(), name);
    }

    /**
     * @param text      what a line must contain.
     * @param timeoutMs longest wait.
     * @return every line read so far, up to and including the first new one that contains {@code text}.
     * @throws InterruptedException when interrupted.
     * @throws AssertionError       when no such line came in time, or the process ended first.
     */
    public List<String> awaitLine(final String text, final long timeoutMs) throws InterruptedException
    {
        awaitMatch(Pattern.compile(Pattern.quote(text)), timeoutMs);
        return List.copyOf(seen);
    }

    /**
     * @param pattern   what a line must match (found anywhere in it).
     * @param timeoutMs longest wait.
     * @return the match in the first new line that matches.
     * @throws InterruptedException when interrupted.
     * @throws AssertionError       when no such line came in time, or the process ended first.
     */
    public MatchResult awaitMatch(final Pattern pattern, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline)
        {
            final String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null)
            {
                seen.add(line);
                final Matcher matcher = pattern.matcher(line);
                if (matcher.find())
                {
                    return matcher.toMatchResult();
                }
            }
            else if (!process.isAlive() && lines.isEmpty())
            {
                break;
            }
        }
        throw new AssertionError("no line matching \"" + pattern + "\" from " + name + " (alive " +
            process.isAlive() + "): " + seen);
    }

    /**
     * For a failure message: what every thread of the process is doing ({@code jcmd PID Thread.print}), so that a
     * wait that timed out says where the process was.
     *
     * @return the thread dump, or why there is none.
     */
    public String threadDump()
    {
        if (!process.isAlive())
        {
            return name + " has ended";
        }
        final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try
        {
            final Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                .redirectErrorStream(true).start();
            final String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            dump.waitFor(30, TimeUnit.SECONDS);
            return text;
        }
        catch (final IOException ex)
        {
            return "no thread dump of " + name + ": " + ex;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "no thread dump of " + name + ": interrupted";
        }
    }

    /**
     * @return whether it still runs.
     */
    public boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * Freezes it with SIGSTOP: it runs no instruction (its sockets stay open, what is sent to it waits in the kernel)
     * until {@link #resume}; {@link #stop} resumes it first.
     *
     * @throws InterruptedException when interrupted.
     */
    public void pause() throws InterruptedException
    {
        signal("-STOP");
        paused = true;
    }

    /**
     * Lets it run again after {@link #pause} (SIGCONT); nothing when it is not paused.
     *
     * @throws InterruptedException when interrupted.
     */
    public void resume() throws InterruptedException
    {
        if (paused)
        {
            signal("-CONT");
            paused = false;
        }
    }

    /**
     * @return whether it is paused ({@link #pause}, not yet {@link #resume}d).
     */
    public boolean isPaused()
    {
        return paused;
    }

    private void signal(final String signal) throws InterruptedException
    {
        try
        {
            final Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid()))
                .redirectErrorStream(true).start();
            if (!kill.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS) || kill.exitValue() != 0)
            {
                throw new AssertionError("kill " + signal + " " + process.pid() + " (" + name + ") failed");
            }
        }
        catch (final IOException ex)
        {
            throw new AssertionError("kill " + signal + " " + process.pid() + " (" + name + "): " + ex, ex);
        }
    }

    /**
     * Stops it with SIGTERM and waits (SIGKILL after {@value #STOP_WAIT_SECONDS} s).
     *
     * @return its exit code.
     * @throws InterruptedException when interrupted.
     */
    public int stop() throws InterruptedException
    {
        resume();
        process.destroy();
        if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    /**
     * Kills it with SIGKILL (through its {@link ProcessHandle}, so our end of its output stays open and what it wrote
     * before stays readable) and waits for the death.
     *
     * @return its exit code (137 when the signal killed it).
     * @throws InterruptedException when interrupted.
     * @throws AssertionError       when it is still alive 30 s later.
     */
    public int kill() throws InterruptedException
    {
        process.toHandle().destroyForcibly();
        if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS))
        {
            throw new AssertionError(name + " " + process.pid() + " did not die after SIGKILL");
        }
        return process.exitValue();
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
            lines.add("(stdout unreadable: " + ex.getMessage() + ")");
        }
    }

    @Override
    public void close() throws InterruptedException
    {
        if (process.isAlive())
        {
            stop();
        }
    }
}
