package io.disruptorx.node.text;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandFileParserTest
{
    @Test
    void shouldSkipBlankLinesAndComments() throws Exception
    {
        final List<TextCommand> commands = CommandFileParser.parse(new BufferedReader(new StringReader(
            "# comment\n\n   \nHALT ts=1 instrument=1\n  # indented comment\nRESUME ts=2 instrument=1\n")));

        assertThat(commands).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "FLY ts=1|unknown command 'FLY'",
        "HALT ts=1|HALT needs field 'instrument'",
        "HALT ts=1 instrument=1 colour=red|unknown field 'colour' for HALT",
        "HALT ts=1 instrument=x|field 'instrument' of HALT must be a whole number, found 'x'",
        "HALT ts=1 instrument=99999999999|field 'instrument' of HALT must fit in 32 bits",
        "HALT ts=1 ts=2 instrument=1|field 'ts' given twice",
        "HALT ts=1 instrument|expected key=value, found 'instrument'",
        "NEW ts=1 account=1 clientOrderId=1 instrument=1 side=UP qty=1 price=1|must be one of BUY, SELL",
        "NEW ts=1 account=1 clientOrderId=1 instrument=1 side=BUY qty=1|NEW with type=LIMIT needs field 'price'",
        "SET_RISK_LIMITS ts=1 account=1 maxQty=1 maxNotional=1 kill=maybe|must be true or false"})
    void shouldRejectMalformedLineWithLineNumberAndReason(final String line, final String reason)
    {
        final String file = "HALT ts=1 instrument=1\n# fine so far\n" + line + "\n";

        assertThatThrownBy(() -> CommandFileParser.parse(new BufferedReader(new StringReader(file))))
            .isInstanceOf(CommandLineError.class)
            .hasMessageStartingWith("line 3: ")
            .hasMessageContaining(reason)
            .satisfies(ex -> assertThat(((CommandLineError)ex).lineNumber()).isEqualTo(3));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CANCEL ts=1 account=1|CANCEL needs field 'order' (the engine's order id) or 'clientOrderId'",
        "CANCEL ts=1 account=1 order=1 clientOrderId=2|CANCEL names the order twice",
        "REPLACE ts=1 account=1 price=1 qty=1|REPLACE needs field 'order' (the engine's order id) or 'clientOrderId'",
        "REPLACE ts=1 account=1 order=1 clientOrderId=2 price=1 qty=1|REPLACE names the order twice"})
    void shouldNeedExactlyOneWayToNameTheOrder(final String line, final String reason)
    {
        assertThatThrownBy(() -> CommandFileParser.parse(new BufferedReader(new StringReader(line + "\n"))))
            .isInstanceOf(CommandLineError.class)
            .hasMessageStartingWith("line 1: " + reason);
    }

    @Test
    void shouldSkipAByteOrderMarkOnlyAtTheStart() throws Exception
    {
        assertThat(CommandFileParser.parse(new BufferedReader(new StringReader(
            "\uFEFFHALT ts=1 instrument=1\n")))).hasSize(1);
        assertThatThrownBy(() -> CommandFileParser.parse(new BufferedReader(new StringReader(
            "HALT ts=1 instrument=1\n\uFEFFHALT ts=2 instrument=1\n"))))
            .isInstanceOf(CommandLineError.class).hasMessageStartingWith("line 2: unknown command");
    }

    @Test
    void shouldAcceptMarketOrderWithoutPriceAndUnderscoresInNumbers() throws Exception
    {
        final List<TextCommand> commands = CommandFileParser.parse(new BufferedReader(new StringReader(
            "NEW ts=1 account=1 clientOrderId=1 instrument=1 side=sell type=market tif=ioc qty=1_000\n")));

        assertThat(commands).hasSize(1);
    }
}
