package io.disruptorx.node.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.gateway.auth.PasswordHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code dx node --config}: the {@code gateways} section next to the node's own.
 */
class NodeGatewaysConfigTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReadTheGatewaysSectionAndRunNoneWithoutIt() throws IOException
    {
        final String hash = PasswordHash.create("pw", 1_000, new SecureRandom()).toString();
        final Path with = write("with.conf", "node.data-dir = \"" + dir + "\"\n" +
            "gateways {\n  soupbintcp { native = \"127.0.0.1:0\", poe = \"127.0.0.1:0\" }\n" +
            "  users = [{ name = alice, password-hash = \"" + hash + "\", accounts = [1] }]\n}\n");
        final NodeCommand.Settings settings = NodeCommand.load(with);
        assertThat(settings.gateways()).isNotNull();
        assertThat(settings.gateways().users()).hasSize(1);
        assertThat(settings.gateways().poeAddress()).isNotNull();

        assertThat(NodeCommand.load(write("without.conf", "node.data-dir = \"" + dir + "\"\n")).gateways()).isNull();
    }

    @Test
    void shouldReadTheJsonEdgeAndItsApiKeys() throws IOException
    {
        final String hash = PasswordHash.create("pw", 1_000, new SecureRandom()).toString();
        final String gateways = "node.data-dir = \"" + dir + "\"\n" +
            "gateways {\n  soupbintcp { native = \"127.0.0.1:0\" }\n" +
            "  users = [{ name = alice, password-hash = \"" + hash + "\", accounts = [1] }]\n";
        final NodeCommand.Settings settings = NodeCommand.load(write("json.conf", gateways +
            "  json { listen = \"127.0.0.1:0\", api-keys = [{ key = k1, user = alice, algorithm = hmac-sha256, " +
            "secret = s1 }] }\n}\n"));
        assertThat(settings.json()).isNotNull();
        assertThat(settings.json().keys()).hasSize(1);
        assertThat(settings.json().keys().get(0).user().name()).isEqualTo("alice");
        assertThat(settings.json().maxPayloadBytes()).isEqualTo(4096);
        assertThat(settings.gateways()).isNotNull();

        assertThatThrownBy(() -> NodeCommand.load(write("json-bad.conf", gateways +
            "  json { listen = \"127.0.0.1:0\", api-keys = [{ key = k1, user = bob, algorithm = hmac-sha256, " +
            "secret = s1 }], answer-timeot = 1s }\n}\n"))).isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("gateways.json.api-keys[0].user").hasMessageContaining("gateways.json.answer-timeot");
    }

    @Test
    void shouldRefuseAFixAcceptorWhenTheFixJarIsNotOnTheClassPath() throws IOException
    {
        final String hash = PasswordHash.create("pw", 1_000, new SecureRandom()).toString();
        final String gateways = "node.data-dir = \"" + dir + "\"\n" +
            "gateways {\n  soupbintcp { native = \"127.0.0.1:0\" }\n" +
            "  users = [{ name = alice, password-hash = \"" + hash + "\", accounts = [1] }]\n";
        assertThatThrownBy(() -> NodeCommand.load(write("fix.conf", gateways +
            "  fix { listen = \"127.0.0.1:31102\" }\n}\n"))).isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("gateways.fix.listen").hasMessageContaining("dx-fix.jar");
        assertThat(NodeCommand.load(write("nofix.conf", gateways + "}\n")).edges()).isEmpty();
    }

    @Test
    void shouldReportAMisspeltGatewayKey() throws IOException
    {
        final Path config = write("bad.conf", "node.data-dir = \"" + dir + "\"\n" +
            "gateways.soupbintcp.nativ = \"127.0.0.1:0\"\n");
        assertThatThrownBy(() -> NodeCommand.load(config)).isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("gateways.soupbintcp.nativ")
            .hasMessageContaining("did you mean gateways.soupbintcp.native");
    }

    private Path write(final String name, final String text) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
