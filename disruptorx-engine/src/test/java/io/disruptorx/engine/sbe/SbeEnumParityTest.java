package io.disruptorx.engine.sbe;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.disruptorx.engine.AdminType;
import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wire codes are the engine's codes: every engine enum constant has an SBE constant with the same name and
 * code in every schema that uses the enum, and every SBE constant (but the null value) is an engine constant.
 */
class SbeEnumParityTest
{
    private static final String COMMAND = "io.disruptorx.protocol.sbe.command.";
    private static final String EVENT = "io.disruptorx.protocol.sbe.event.";
    private static final String MARKET_DATA = "io.disruptorx.protocol.sbe.marketdata.";

    static Stream<Arguments> enumPairs()
    {
        return Stream.of(
            Arguments.of(Side.class, COMMAND + "Side"),
            Arguments.of(Side.class, EVENT + "Side"),
            Arguments.of(Side.class, MARKET_DATA + "Side"),
            Arguments.of(OrderType.class, COMMAND + "OrderType"),
            Arguments.of(OrderType.class, EVENT + "OrderType"),
            Arguments.of(TimeInForce.class, COMMAND + "TimeInForce"),
            Arguments.of(TimeInForce.class, EVENT + "TimeInForce"),
            Arguments.of(SelfTradePrevention.class, COMMAND + "SelfTradePrevention"),
            Arguments.of(InstrumentState.class, EVENT + "InstrumentState"),
            Arguments.of(InstrumentState.class, MARKET_DATA + "InstrumentState"),
            Arguments.of(CancelReason.class, EVENT + "CancelReason"),
            Arguments.of(RejectReason.class, EVENT + "RejectReason"),
            Arguments.of(AdminType.class, EVENT + "AdminType"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("enumPairs")
    void shouldHaveTheSameNamesAndCodesOnTheWireAsInTheEngine(
        final Class<? extends Enum<?>> engineEnum, final String sbeEnumName) throws Exception
    {
        final Map<String, Integer> engineCodes = codes(engineEnum, "code");
        final Map<String, Integer> wireCodes = codes(Class.forName(sbeEnumName), "value");
        wireCodes.remove("NULL_VAL");

        assertThat(engineCodes).isNotEmpty();
        assertThat(wireCodes).containsExactlyInAnyOrderEntriesOf(engineCodes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enumPairs")
    void shouldDecodeEveryWireCodeToTheEngineConstantOfTheSameName(
        final Class<? extends Enum<?>> engineEnum, final String sbeEnumName) throws Exception
    {
        final Method fromCode = engineEnum.getMethod("fromCode", int.class);
        for (final Map.Entry<String, Integer> wire : codes(Class.forName(sbeEnumName), "value").entrySet())
        {
            final Object decoded = fromCode.invoke(null, wire.getValue());
            if ("NULL_VAL".equals(wire.getKey()))
            {
                assertThat(decoded).as("null value of %s", sbeEnumName).isNull();
            }
            else
            {
                assertThat(decoded).as(wire.getKey()).isNotNull();
                assertThat(((Enum<?>) decoded).name()).isEqualTo(wire.getKey());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("booleanTypes")
    void shouldEncodeBooleansAsZeroAndOne(final String booleanTypeName) throws Exception
    {
        assertThat(codes(Class.forName(booleanTypeName), "value"))
            .containsExactlyInAnyOrderEntriesOf(Map.of("FALSE", 0, "TRUE", 1, "NULL_VAL", 255));
    }

    static Stream<String> booleanTypes()
    {
        return Stream.of(COMMAND + "BooleanType", EVENT + "BooleanType");
    }

    private static Map<String, Integer> codes(final Class<?> enumClass, final String codeMethod) throws Exception
    {
        final Method code = enumClass.getMethod(codeMethod);
        final Map<String, Integer> codes = new LinkedHashMap<>();
        for (final Object constant : enumClass.getEnumConstants())
        {
            codes.put(((Enum<?>) constant).name(), ((Number) code.invoke(constant)).intValue());
        }
        return codes;
    }
}
