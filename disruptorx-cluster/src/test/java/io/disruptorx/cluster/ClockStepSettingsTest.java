package io.disruptorx.cluster;

import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.aeron.Aeron;
import io.aeron.CncFileDescriptor;
import io.aeron.cluster.NanosecondClusterClock;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.IoUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a step of the system clock finds in the build's test JVMs (the surefire {@code argLine}, docs/cluster.md):
 * a media driver started without timeouts of its own, as the tests start theirs, publishes a client liveness
 * timeout in its CnC file (what the driver holds its clients to) and an Aeron client gets a driver timeout (what it
 * holds the driver to) well past the 35 s step seen on the CI machine; members run on the monotonic cluster clock,
 * which moves with the monotonic clock alone.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ClockStepSettingsTest
{
    /** A step the CI machine's clock made (a driver keep-alive 31 s old), with room to spare. */
    private static final long STEP_WITH_MARGIN_MS = 60_000;

    @Test
    void shouldGiveTheTestsMediaDriversAndClientsLivenessTimeoutsLongerThanAClockStep()
    {
        final Path directory = Path.of("target", "clock-step-settings-" + System.nanoTime()).toAbsolutePath();
        try (MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                .aeronDirectoryName(directory.toString())
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 1_000_000))
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName())))
        {
            final MappedByteBuffer cnc = IoUtil.mapExistingFile(driver.context().cncFile(), "cnc");
            final long clientLivenessNs;
            try
            {
                clientLivenessNs =
                    CncFileDescriptor.clientLivenessTimeoutNs(CncFileDescriptor.createMetaDataBuffer(cnc));
            }
            finally
            {
                IoUtil.unmap(cnc);
            }
            System.out.println("clock step settings: CnC client liveness timeout " +
                TimeUnit.NANOSECONDS.toMillis(clientLivenessNs) + " ms, client driver timeout " +
                aeron.context().driverTimeoutMs() + " ms, publication unblock timeout " +
                TimeUnit.NANOSECONDS.toMillis(driver.context().publicationUnblockTimeoutNs()) + " ms");

            assertThat(TimeUnit.NANOSECONDS.toMillis(clientLivenessNs)).as("client liveness timeout in the CnC file")
                .isGreaterThan(STEP_WITH_MARGIN_MS);
            assertThat(aeron.context().driverTimeoutMs()).as("a client's driver timeout")
                .isGreaterThan(STEP_WITH_MARGIN_MS);
            assertThat(driver.context().publicationUnblockTimeoutNs()).as("publication unblock timeout")
                .isGreaterThan(clientLivenessNs);
        }
        assertThat(MonotonicClusterClock.fromSystemProperty()).as("the members' cluster clock")
            .isInstanceOf(MonotonicClusterClock.class);
    }

    @Test
    void shouldMoveTheMonotonicClusterClockWithTheMonotonicClockFromTheWallClockAtItsStart()
    {
        final long start = 1_765_000_000_000_000_000L;
        final CachedNanoClock nanoClock = new CachedNanoClock();
        nanoClock.update(42_000_000_000L);
        final MonotonicClusterClock clock = new MonotonicClusterClock(start, nanoClock);
        assertThat(clock.time()).isEqualTo(start);

        nanoClock.advance(1_500_000L);

        assertThat(clock.time()).isEqualTo(start + 1_500_000L);
        assertThat(clock.timeNanos()).isEqualTo(start + 1_500_000L);
        assertThat(clock.timeMicros()).isEqualTo((start + 1_500_000L) / 1_000);
        assertThat(clock.timeMillis()).isEqualTo((start + 1_500_000L) / 1_000_000);
        assertThat(clock.timeUnit()).isEqualTo(TimeUnit.NANOSECONDS);
        assertThat(MonotonicClusterClock.name(clock)).isEqualTo("monotonic");
        assertThat(MonotonicClusterClock.name(new NanosecondClusterClock())).isEqualTo("epoch");
    }
}
