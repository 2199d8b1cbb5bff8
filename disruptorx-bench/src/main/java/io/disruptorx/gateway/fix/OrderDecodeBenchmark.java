package io.disruptorx.gateway.fix;

import java.util.concurrent.TimeUnit;

import io.disruptorx.fix44.decoder.NewOrderSingleDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import uk.co.real_logic.artio.util.MutableAsciiBuffer;

/**
 * JMH over the FIX edge's decoding of a NewOrderSingle: {@code artio}, Artio's generated {@code
 * NewOrderSingleDecoder} (reset, decode, validate, as the edge did for every order before), against {@code
 * inPlace}, the edge's {@link FixOrderDecoder}. The messages are the ones {@code dx bench gateway}'s FIX load sends
 * ({@link BenchOrders}), 8 of them, one decoded per operation; each benchmark reads the fields
 * the edge uses and returns them folded into a long. In package {@code io.disruptorx.gateway.fix} to reach the
 * edge's package-private decoder. Run with {@code -prof gc}:
 *
 * <pre>
 * java -cp disruptorx-bench/target/dx-bench.jar org.openjdk.jmh.Main \
 *     'io.disruptorx.gateway.fix.OrderDecodeBenchmark' -f 1 -wi 3 -w 2 -i 5 -r 2 -prof gc \
 *     -jvmArgsAppend "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED -XX:-DontCompileHugeMethods"
 * </pre>
 * ({@code ./dx} runs with {@code -XX:-DontCompileHugeMethods}: Artio's {@code NewOrderSingleDecoder.decode} is
 * over the JIT's 8,000 byte limit and would otherwise run interpreted.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OrderDecodeBenchmark
{
    private static final int MESSAGES = 8;

    private final UnsafeBuffer[] messages = new UnsafeBuffer[MESSAGES];
    private final MutableAsciiBuffer[] asciiMessages = new MutableAsciiBuffer[MESSAGES];
    private final NewOrderSingleDecoder artio = new NewOrderSingleDecoder();
    private final FixOrderDecoder inPlace = new FixOrderDecoder();
    private int next;

    /**
     * Writes the messages.
     */
    @Setup
    public void setUp()
    {
        final byte[][] orders = BenchOrders.newOrderSingles(MESSAGES);
        for (int i = 0; i < MESSAGES; i++)
        {
            messages[i] = new UnsafeBuffer(orders[i]);
            asciiMessages[i] = new MutableAsciiBuffer(orders[i]);
        }
    }

    /**
     * @return the fields read, folded.
     */
    @Benchmark
    public long artio()
    {
        final MutableAsciiBuffer message = asciiMessages[next++ & (MESSAGES - 1)];
        artio.reset();
        artio.decode(message, 0, message.capacity());
        if (!artio.validate())
        {
            throw new IllegalStateException("invalid " + artio.rejectReason());
        }
        return artio.clOrdID()[artio.clOrdIDLength() - 1] + artio.clOrdIDLength() * 31L + artio.side() +
            artio.ordType() + artio.timeInForce() + artio.price().value() + artio.orderQty().value() +
            artio.symbolLength() + artio.account()[0] + artio.header().msgSeqNum();
    }

    /**
     * @return the fields read, folded.
     */
    @Benchmark
    public long inPlace()
    {
        final UnsafeBuffer message = messages[next++ & (MESSAGES - 1)];
        if (!inPlace.decode(message, 0, message.capacity(), NewOrderSingleDecoder.MESSAGE_TYPE))
        {
            throw new IllegalStateException("not taken");
        }
        return inPlace.buffer.getByte(inPlace.clOrdIdOffset + inPlace.clOrdIdLength - 1) +
            inPlace.clOrdIdLength * 31L + inPlace.side + inPlace.ordType + inPlace.timeInForce + inPlace.priceValue +
            inPlace.orderQtyValue +
            inPlace.symbolLength + inPlace.buffer.getByte(inPlace.accountOffset) + inPlace.msgSeqNum;
    }
}
