package io.disruptorx.bench.node;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dashboard bench's pages in a process of their own ({@link PagesProcess} starts it): N real WebSocket clients
 * (the JDK's) on the dashboard's {@code /dashboard/ws}, each choosing the instrument as the page does
 * ({@code {"instrument":N}} on open) and taking every update, as browsers on other machines would; their CPU and
 * garbage are this process's, not the node's.
 * <p>
 * Talks to its parent over its standard streams: once every page is open it prints
 * {@code open PAGES cpu_ns=N} (this process's CPU time so far); for each line {@code report} it reads it prints
 * {@code report updates=U bytes=B cpu_ns=N}; when its input ends it closes the pages and exits.
 */
public final class PageClients
{
    private static final long CONNECT_TIMEOUT_SECONDS = 10;

    private final AtomicLong updates = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    private PageClients()
    {
    }

    /**
     * @param args the dashboard's WebSocket URI, the number of pages, the instrument, and optionally the clients:
     *             {@code jdk} (the default: the JDK's WebSocket client, which decodes every message into characters)
     *             or {@code raw} ({@link RawPages}: one thread reading the frames, allocation-free), or
     *             {@code burn:IO_MS:CLIENTS_MS} with no page: the {@link SyntheticLoad} instead of pages, its
     *             bursts counted as the updates.
     * @throws Exception when a page cannot be opened (the parent sees the process end without {@code open}).
     */
    public static void main(final String[] args) throws Exception
    {
        final URI uri = URI.create(args[0]);
        final int count = Integer.parseInt(args[1]);
        final long instrument = Long.parseLong(args[2]);
        if (args.length > 3 && args[3].equals("raw"))
        {
            raw(uri, count, instrument);
            return;
        }
        if (args.length > 3 && args[3].startsWith("burn:"))
        {
            synthetic(args[3]);
            return;
        }
        final PageClients pages = new PageClients();
        final ExecutorService callbacks = Executors.newSingleThreadExecutor(r ->
        {
            final Thread thread = new Thread(r, "page-callbacks");
            thread.setDaemon(true);
            return thread;
        });
        final HttpClient client = HttpClient.newBuilder().executor(callbacks).build();
        final List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final WebSocket socket = client.newWebSocketBuilder().buildAsync(uri, pages.new Counting())
                .get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            socket.sendText("{\"instrument\":" + instrument + "}", true)
                .get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            sockets.add(socket);
        }
        System.out.printf(Locale.ROOT, "open %d cpu_ns=%d%n", sockets.size(), cpuNanos());
        System.out.flush();
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null)
        {
            if (line.trim().equals("report"))
            {
                System.out.printf(Locale.ROOT, "report updates=%d bytes=%d cpu_ns=%d%n", pages.updates.get(),
                    pages.bytes.get(), cpuNanos());
                System.out.flush();
            }
        }
        for (final WebSocket socket : sockets)
        {
            socket.abort();
        }
        callbacks.shutdownNow();
    }

    private static void raw(final URI uri, final int count, final long instrument) throws Exception
    {
        try (RawPages pages = RawPages.open(uri, count, instrument))
        {
            final Thread reader = new Thread(pages::run, "raw-pages");
            reader.setDaemon(true);
            reader.start();
            System.out.printf(Locale.ROOT, "open %d cpu_ns=%d%n", count, cpuNanos());
            System.out.flush();
            final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null)
            {
                if (line.trim().equals("report"))
                {
                    System.out.printf(Locale.ROOT, "report updates=%d bytes=%d cpu_ns=%d%n", pages.updates(),
                        pages.bytes(), cpuNanos());
                    System.out.flush();
                }
            }
        }
    }

    private static void synthetic(final String spec) throws Exception
    {
        try (SyntheticLoad load = SyntheticLoad.start(spec))
        {
            System.err.println("pages' process: " + load.describe());
            System.out.printf(Locale.ROOT, "open 0 cpu_ns=%d%n", cpuNanos());
            System.out.flush();
            final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null)
            {
                if (line.trim().equals("report"))
                {
                    System.out.printf(Locale.ROOT, "report updates=%d bytes=0 cpu_ns=%d%n", load.bursts(),
                        cpuNanos());
                    System.out.flush();
                }
            }
        }
    }

    private static long cpuNanos()
    {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ?
            os.getProcessCpuTime() : -1;
    }

    /** A page's socket: takes every message and counts the complete ones. */
    private final class Counting implements WebSocket.Listener
    {
        @Override
        public CompletionStage<?> onText(final WebSocket socket, final CharSequence data, final boolean last)
        {
            bytes.addAndGet(data.length());
            if (last)
            {
                updates.incrementAndGet();
            }
            socket.request(1);
            return null;
        }
    }
}
