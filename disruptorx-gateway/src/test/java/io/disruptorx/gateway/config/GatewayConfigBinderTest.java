package io.disruptorx.gateway.config;

import java.security.SecureRandom;

import com.typesafe.config.ConfigFactory;
import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.gateway.auth.SessionKind;
import io.disruptorx.gateway.reference.InstrumentSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayConfigBinderTest
{
    private static final String HASH = PasswordHash.create("pw", 1_000, new SecureRandom()).toString();

    @Test
    void shouldBindAGatewaysSectionOverTheDefaults()
    {
        final GatewayConfig config = GatewayConfigBinder.bind(ConfigFactory.parseString(
            "gateways {\n" +
            "  soupbintcp { native = \"127.0.0.1:0\", poe = \"127.0.0.1:31101\", heartbeat-interval = 500ms }\n" +
            "  instruments = [{ id = 1, symbol = BTC-USD, price-scale = 2, quantity-scale = 8, tick-size = 1," +
            " lot-size = 1000 }]\n" +
            "  users = [{ name = alice, password-hash = \"" + HASH + "\", accounts = [1, 2] }," +
            " { name = copy, password-hash = \"" + HASH + "\", accounts = [1], kind = drop-copy, burst = 5 }]\n" +
            "  accounts = [{ id = 2, max-open-orders = 7 }]\n" +
            "}"), "test");

        assertThat(config.nativeAddress().getPort()).isZero();
        assertThat(config.poeAddress().getPort()).isEqualTo(31101);
        assertThat(config.heartbeatIntervalNanos()).isEqualTo(500_000_000L);
        assertThat(config.heartbeatTimeoutNanos()).isEqualTo(15_000_000_000L);
        assertThat(config.reportStoreCapacity()).isEqualTo(65_536);
        assertThat(config.instruments()).containsExactly(new InstrumentSpec(1, "BTC-USD", 2, 8, 1, 1000));
        assertThat(config.users()).hasSize(2);
        assertThat(config.users().get(0).user().accountCount()).isEqualTo(2);
        assertThat(config.users().get(0).user().messagesPerSecond()).isEqualTo(10_000);
        assertThat(config.users().get(1).user().kind()).isEqualTo(SessionKind.DROP_COPY);
        assertThat(config.users().get(1).user().burst()).isEqualTo(5);
        assertThat(config.users().get(1).passwordHash().matches("pw")).isTrue();
        assertThat(config.maxOpenOrders()).containsEntry(2L, 7);
    }

    @Test
    void shouldReturnNothingWithoutAGatewaysSection()
    {
        assertThat(GatewayConfigBinder.bind(ConfigFactory.parseString("node { }"), "test")).isNull();
    }

    @Test
    void shouldReportEveryBadKeyAtOnce()
    {
        assertThatThrownBy(() -> GatewayConfigBinder.bind(ConfigFactory.parseString(
            "gateways {\n" +
            "  soupbintcp { native = \"localhost\", heartbeat-timeout = 1ms }\n" +
            "  sessions { report-store-capacity = 1000 }\n" +
            "  instruments = [{ id = 0, symbol = \"WAY-TOO-LONG\", price-scale = 2, quantity-scale = 0," +
            " tick-size = 1, lot-size = 1 }]\n" +
            "  users = [{ name = toolongname, password-hash = nonsense, accounts = [1], kind = admin, brust = 3 }]\n" +
            "  sesions { report-store-capacity = 1024 }\n" +
            "}"), "test.conf"))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("gateways.soupbintcp.native = localhost")
            .hasMessageContaining("gateways.soupbintcp.heartbeat-timeout")
            .hasMessageContaining("gateways.sessions.report-store-capacity")
            .hasMessageContaining("gateways.instruments[0].id")
            .hasMessageContaining("gateways.users[0].kind")
            .hasMessageContaining("gateways.users[0].name")
            .hasMessageContaining("gateways.users[0].brust")
            .hasMessageContaining("gateways.sesions.report-store-capacity");
    }
}
