package io.disruptorx.marketdata;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.disruptorx.marketdata.client.ConsolidatedClientMain;
import io.disruptorx.marketdata.client.MarketDataClientMain;
import io.disruptorx.marketdata.client.ShardFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code dx md-client --feed}: one shard's feed named explicitly ({@link ShardFeed#parse}), merged with the shards
 * of {@code --shards N} ({@link ConsolidatedClientMain#feeds}): a named shard replaces the convention's feed of the
 * same index or adds one, and bad input (a malformed value, a shard named twice, two shards' lines on one port) is
 * refused with a reason before any socket opens.
 */
class ShardFeedTest
{
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final String CLUSTER = "shard=1,session=DXCLUSTER,line-a=127.0.0.1:21190,line-b=127.0.0.1:21191," +
        "request=127.0.0.1:21100,recovery=127.0.0.1:21101";

    @Test
    void shouldReadEveryPartOfAFeed()
    {
        final ShardFeed feed = ShardFeed.parse(CLUSTER);

        assertThat(feed.shard()).isEqualTo(1);
        assertThat(feed.session()).isEqualTo("DXCLUSTER");
        assertThat(feed.endpoints().lineA()).isEqualTo(new InetSocketAddress(LOOPBACK, 21_190));
        assertThat(feed.endpoints().lineB()).isEqualTo(new InetSocketAddress(LOOPBACK, 21_191));
        assertThat(feed.endpoints().multicast()).isFalse();
        assertThat(feed.endpoints().networkInterface()).isNull();
        assertThat(feed.endpoints().retransmitServer()).isEqualTo(new InetSocketAddress(LOOPBACK, 21_100));
        assertThat(feed.endpoints().recoveryServer()).isEqualTo(new InetSocketAddress(LOOPBACK, 21_101));
    }

    @Test
    void shouldFollowOneLineWhenLineBIsNotGivenAndJoinGroupsOnLoopbackWithMulticast()
    {
        final ShardFeed single = ShardFeed.parse("session=X, shard=7 ,line-a=127.0.0.1:5000,request=127.0.0.1:5001," +
            "recovery=127.0.0.1:5002");
        final ShardFeed multicast = ShardFeed.parse("shard=0,session=Y,line-a=239.1.1.1:40001," +
            "line-b=239.1.1.2:40001,request=127.0.0.1:5001,recovery=127.0.0.1:5002,multicast=true,interface=lo");

        assertThat(single.shard()).isEqualTo(7);
        assertThat(single.endpoints().lineB()).isNull();
        assertThat(multicast.endpoints().multicast()).isTrue();
        assertThat(multicast.endpoints().networkInterface().getName()).isEqualTo("lo");
        assertThat(multicast.endpoints().lineB()).isEqualTo(new InetSocketAddress("239.1.1.2", 40_001));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "shard=1,session=S,line-a=127.0.0.1:1,request=127.0.0.1:2 | recovery is missing",
        "shard=x,session=S,line-a=127.0.0.1:1,request=127.0.0.1:2,recovery=127.0.0.1:3 | shard must be 0..99, was x",
        "shard=100,session=S,line-a=127.0.0.1:1,request=127.0.0.1:2,recovery=127.0.0.1:3 | " +
            "shard must be 0..99, was 100",
        "shard=1,session=ELEVENCHARS,line-a=127.0.0.1:1,request=127.0.0.1:2,recovery=127.0.0.1:3 | " +
            "session must be 1 to 10 characters",
        "shard=1,session=S,line-a=127.0.0.1,request=127.0.0.1:2,recovery=127.0.0.1:3 | " +
            "line-a must be HOST:PORT, was 127.0.0.1",
        "shard=1,session=S,line-a=127.0.0.1:70000,request=127.0.0.1:2,recovery=127.0.0.1:3 | " +
            "line-a port must be 1..65535, was 70000",
        "shard=1,session=S,line-a=127.0.0.1:1,request=127.0.0.1:x,recovery=127.0.0.1:3 | " +
            "request must be HOST:PORT, was 127.0.0.1:x",
        "shard=1,colour=red,line-a=127.0.0.1:1,request=127.0.0.1:2,recovery=127.0.0.1:3 | unknown key 'colour'",
        "shard=1,session=S,session=T,line-a=127.0.0.1:1,request=127.0.0.1:2,recovery=127.0.0.1:3 | " +
            "session is given twice",
        "shard=1,,session=S,line-a=127.0.0.1:1,request=127.0.0.1:2,recovery=127.0.0.1:3 | expected KEY=VALUE",
        "shard=1,session=,line-a=127.0.0.1:1,request=127.0.0.1:2,recovery=127.0.0.1:3 | session has no value",
        "shard=1,session=S,line-a=127.0.0.1:1,request=127.0.0.1:2,recovery=127.0.0.1:3,multicast=yes | " +
            "multicast must be true or false, was yes",
        "shard=1,session=S,line-a=127.0.0.1:1,request=127.0.0.1:2,recovery=127.0.0.1:3,interface=lo | " +
            "interface applies to multicast lines only",
        "shard=1,session=S,line-a=127.0.0.1:1,line-b=127.0.0.1:1,request=127.0.0.1:2,recovery=127.0.0.1:3 | " +
            "line-a and line-b are the same address",
        "shard=1,session=S,line-a=239.1.1.1:1,request=127.0.0.1:2,recovery=127.0.0.1:3,multicast=true," +
            "interface=nosuchif0 | interface nosuchif0 is not an interface of this host"})
    void shouldRefuseAMalformedFeedSayingWhy(final String spec, final String reason)
    {
        assertThatThrownBy(() -> ShardFeed.parse(spec)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("--feed " + spec + ": ").hasMessageContaining(reason);
    }

    @Test
    void shouldReplaceTheConventionsFeedOfTheNamedShardAndAddOthersInShardOrder()
    {
        final List<ShardFeed> convention = ConsolidatedClientMain.conventionFeeds("DXSHARD", 2, 31_100);
        final List<ShardFeed> feeds = ConsolidatedClientMain.feeds(convention, List.of(
            ShardFeed.parse(CLUSTER.replace("shard=1", "shard=3")), ShardFeed.parse(CLUSTER.replace("21190", "21192")
            .replace("21191", "21193"))));

        assertThat(feeds).extracting(ShardFeed::shard).containsExactly(0, 1, 3);
        assertThat(feeds).extracting(ShardFeed::session).containsExactly("DXSHARD-0", "DXCLUSTER", "DXCLUSTER");
        assertThat(feeds.get(0).endpoints().lineA()).isEqualTo(new InetSocketAddress(LOOPBACK, 31_101));
        assertThat(feeds.get(0).endpoints().recoveryServer()).isEqualTo(new InetSocketAddress(LOOPBACK, 31_104));
        assertThat(feeds.get(1).endpoints().lineA()).isEqualTo(new InetSocketAddress(LOOPBACK, 21_192));
        assertThat(ConsolidatedClientMain.labels(feeds)).as("sessions of the same name told apart by shard")
            .containsExactly("DXSHARD-0", "DXCLUSTER#1", "DXCLUSTER#3");
        assertThat(ConsolidatedClientMain.feeds(List.of(), List.of(ShardFeed.parse(CLUSTER))))
            .extracting(ShardFeed::shard).containsExactly(1);
    }

    @Test
    void shouldRefuseAShardNamedTwiceTwoShardsOnOneLineAndNoShardAtAll()
    {
        final List<ShardFeed> convention = ConsolidatedClientMain.conventionFeeds("DXSHARD", 2, 31_100);

        assertThatThrownBy(() -> ConsolidatedClientMain.feeds(convention,
            List.of(ShardFeed.parse(CLUSTER), ShardFeed.parse(CLUSTER.replace("2119", "2118")))))
            .hasMessage("--feed names shard 1 twice");
        assertThatThrownBy(() -> ConsolidatedClientMain.feeds(convention,
            List.of(ShardFeed.parse(CLUSTER.replace("shard=1", "shard=2").replace("21190", "31101")))))
            .hasMessageContaining("shards 0 and 2 would both listen on").hasMessageContaining(":31101");
        assertThatThrownBy(() -> ConsolidatedClientMain.feeds(List.of(), List.of()))
            .hasMessageContaining("no shard to follow");
    }

    @Test
    void shouldExitWithBadArgumentsAndOneLineForABadFeed()
    {
        assertThat(run("--shards", "2", "--session", "DXSHARD", "--port-base", "31100", "--feed", CLUSTER,
            "--feed", CLUSTER)).isEqualTo("2 md-client: --feed names shard 1 twice");
        assertThat(run("--feed", "shard=1,session=DXCLUSTER")).isEqualTo("2 md-client: --feed shard=1," +
            "session=DXCLUSTER: line-a is missing (required: shard, session, line-a, request, recovery)");
    }

    private static String run(final String... args)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int exit = MarketDataClientMain.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return exit + " " + bytes.toString(StandardCharsets.UTF_8).trim();
    }
}
