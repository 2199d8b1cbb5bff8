package io.disruptorx.journal;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotStoreTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReturnNullWhenThereIsNoSnapshot()
    {
        assertThat(new SnapshotStore(dir).latest()).isNull();
    }

    @Test
    void shouldReadBackTheNewestSnapshotAndLeaveNoTemporaryFile() throws Exception
    {
        final SnapshotStore store = new SnapshotStore(dir);
        store.write(10, new UnsafeBuffer(new byte[]{1, 2, 3}), 0, 3);
        store.write(250, new UnsafeBuffer(new byte[]{9, 8, 7, 6}), 1, 3);

        final SnapshotStore.Loaded latest = store.latest();

        assertThat(latest.sequence()).isEqualTo(250);
        assertThat(latest.payload()).containsExactly(8, 7, 6);
        try (var files = Files.list(dir))
        {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp")).hasSize(2);
        }
    }

    @Test
    void shouldSkipADamagedSnapshotAndFallBackToTheOlderOne() throws Exception
    {
        final SnapshotStore store = new SnapshotStore(dir);
        store.write(10, new UnsafeBuffer(new byte[]{1, 2, 3}), 0, 3);
        final Path newest = store.write(20, new UnsafeBuffer(new byte[]{4, 5, 6}), 0, 3);
        try (RandomAccessFile raf = new RandomAccessFile(newest.toFile(), "rw"))
        {
            raf.seek(SnapshotStore.HEADER_LENGTH + 1);
            raf.write(0x77);
        }

        assertThat(SnapshotStore.read(newest)).isNull();
        assertThat(store.latest().sequence()).isEqualTo(10);
    }

    @Test
    void shouldSkipATruncatedSnapshot() throws Exception
    {
        final SnapshotStore store = new SnapshotStore(dir);
        store.write(10, new UnsafeBuffer(new byte[]{1, 2, 3}), 0, 3);
        final Path newest = store.write(20, new UnsafeBuffer(new byte[100]), 0, 100);
        try (RandomAccessFile raf = new RandomAccessFile(newest.toFile(), "rw"))
        {
            raf.setLength(50);
        }

        assertThat(store.latest().sequence()).isEqualTo(10);
    }

    @Test
    void shouldSkipASnapshotWhoseHeaderSequenceDiffersFromItsName() throws Exception
    {
        final SnapshotStore store = new SnapshotStore(dir);
        store.write(10, new UnsafeBuffer(new byte[]{1, 2, 3}), 0, 3);
        final Path newest = store.write(20, new UnsafeBuffer(new byte[]{4, 5, 6}), 0, 3);
        try (RandomAccessFile raf = new RandomAccessFile(newest.toFile(), "rw"))
        {
            raf.seek(8);
            raf.writeLong(Long.reverseBytes(99));
        }

        assertThat(SnapshotStore.read(newest)).isNull();
        assertThat(store.latest().sequence()).isEqualTo(10);
    }

    @Test
    void shouldRetainOnlyTheNewest()
    {
        final SnapshotStore store = new SnapshotStore(dir);
        for (long seq = 1; seq <= 5; seq++)
        {
            store.write(seq * 100, new UnsafeBuffer(new byte[]{(byte)seq}), 0, 1);
        }

        assertThat(store.retain(2)).isEqualTo(3);

        assertThat(store.files()).hasSize(2);
        assertThat(store.latest().sequence()).isEqualTo(500);
        assertThatThrownBy(() -> store.retain(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
