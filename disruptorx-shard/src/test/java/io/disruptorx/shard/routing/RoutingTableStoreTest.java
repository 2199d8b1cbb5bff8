package io.disruptorx.shard.routing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingTableStoreTest
{
    @TempDir
    Path dir;

    private RoutingTable table()
    {
        return RoutingTable.initial(List.of("alpha", "beta", "gamma"), 500).withOverride(9, 2).withOverride(11, 0);
    }

    @Test
    void shouldLoadNothingBeforeTheFirstSave()
    {
        assertThat(new RoutingTableStore(dir.resolve("routes")).load()).isEmpty();
    }

    @Test
    void shouldReloadTheSameRoutesAndVersion()
    {
        final RoutingTable saved = table();
        new RoutingTableStore(dir.resolve("routes")).save(saved);

        final RoutingTable loaded = new RoutingTableStore(dir.resolve("routes")).load().orElseThrow();
        assertThat(loaded.version()).isEqualTo(saved.version());
        assertThat(loaded.shards()).isEqualTo(saved.shards());
        assertThat(loaded.overrides()).isEqualTo(saved.overrides());
        for (int id = 0; id < 2_000; id++)
        {
            assertThat(loaded.shardOf(id)).isEqualTo(saved.shardOf(id));
        }
        assertThat(dir.resolve("routes.tmp")).doesNotExist();
    }

    @Test
    void shouldKeepTheSwitchCountAndTakeTheSameVersionAgainOnlyWithMoreSwitches() throws IOException
    {
        final RoutingTableStore store = new RoutingTableStore(dir.resolve("routes"));
        assertThat(store.switches()).as("no table").isEqualTo(-1);
        final RoutingTable current = table();
        store.save(current);
        assertThat(store.switches()).as("a new file").isZero();
        store.save(current, 2);
        assertThat(store.switches()).isEqualTo(2);
        assertThatThrownBy(() -> store.save(current, 2)).hasMessageContaining("not newer");
        assertThatThrownBy(() -> store.save(current, 1)).hasMessageContaining("not newer");
        final RoutingTable next = current.withOverride(5, 1);
        store.save(next);
        assertThat(store.switches()).as("kept by a save without a count").isEqualTo(2);
        assertThat(store.load().orElseThrow().version()).isEqualTo(next.version());

        Files.writeString(dir.resolve("old"), RoutingTableStore.format(current), StandardCharsets.UTF_8);
        final RoutingTableStore old = new RoutingTableStore(dir.resolve("old"));
        assertThat(old.load().orElseThrow().version()).as("a file written before the count").isEqualTo(
            current.version());
        assertThat(old.switches()).as("not known").isEqualTo(-1);
        old.save(current, 0);
        assertThat(old.switches()).isZero();
    }

    @Test
    void shouldRefuseAVersionThatIsNotNewer()
    {
        final RoutingTableStore store = new RoutingTableStore(dir.resolve("routes"));
        final RoutingTable current = table();
        store.save(current);

        assertThatThrownBy(() -> store.save(current)).hasMessageContaining("not newer");
        store.save(current.withShardAdded("delta"));
        assertThat(store.load().orElseThrow().shards()).containsExactly("alpha", "beta", "gamma", "delta");
    }

    @Test
    void shouldDetectADamagedFile() throws IOException
    {
        final Path file = dir.resolve("routes");
        new RoutingTableStore(file).save(table());
        final String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.replace("override=9 gamma", "override=9 beta"), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new RoutingTableStore(file).load()).hasMessageContaining("checksum mismatch");
    }

    @Test
    void shouldIgnoreATemporaryFileLeftByACrashBeforeTheRename() throws IOException
    {
        final Path file = dir.resolve("routes");
        final RoutingTableStore store = new RoutingTableStore(file);
        store.save(table());
        Files.writeString(dir.resolve("routes.tmp"), "version=99\nshard=half-writ", StandardCharsets.UTF_8);

        assertThat(store.load().orElseThrow().version()).isEqualTo(table().version());
        store.save(table().withShardAdded("delta"));
        assertThat(store.load().orElseThrow().version()).isEqualTo(table().version() + 1);
    }

    @Test
    void shouldWriteTheDocumentedFormat()
    {
        final String text = RoutingTableStore.format(RoutingTable.initial(List.of("a", "b"), 16).withOverride(3, 1));
        assertThat(text).startsWith("version=2\nvirtual-nodes=150\ninstrument-limit=16\nshard=a\nshard=b\n" +
            "override=3 b\ncrc32c=");
        assertThat(RoutingTableStore.parse(text).shardOf(3)).isEqualTo(1);
    }
}
