package io.disruptorx.node.cluster;

import java.nio.file.Path;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.BackoffIdleStrategy;

/**
 * The media driver a cluster client (the demo's traders, a gateway) embeds: one shared thread that backs off to
 * 1 ms parks, gentle on a small machine; its directory is cleared at start and removed at shutdown.
 */
public final class ClientDriver
{
    private ClientDriver()
    {
    }

    /**
     * @param directory the driver's directory (cleared first).
     * @return the running driver; closing it stops it and removes the directory.
     */
    public static MediaDriver launch(final Path directory)
    {
        return MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(directory.toString())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 1_000_000))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }
}
