package io.disruptorx.gateway.fix;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.disruptorx.bench.gateway.GatewayPath;
import io.disruptorx.fix44.ExecType;
import io.disruptorx.fix44.OrdStatus;
import io.disruptorx.fix44.builder.ExecutionReportEncoder;
import io.disruptorx.gateway.core.Report;
import io.disruptorx.gateway.core.ReportKind;
import io.disruptorx.gateway.core.ReportStore;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.gateway.reference.InstrumentSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import uk.co.real_logic.artio.builder.Encoder;
import uk.co.real_logic.artio.fields.EpochFractionFormat;
import uk.co.real_logic.artio.fields.UtcTimestampEncoder;
import uk.co.real_logic.artio.util.MutableAsciiBuffer;

/**
 * JMH over the FIX edge's ExecutionReport encoding: the reports of two buy/sell pairs made by the real gateway core
 * and engine ({@link GatewayPath}: 4 acceptances, 4 fills) encoded as whole FIX messages, header, MsgSeqNum,
 * SendingTime and checksum included, as {@code FixGateway} hands them to Artio. {@code written}: the FIX edge's
 * {@link FixReports} ({@link FixExecutionReport} through {@link FixMessageWriter}); {@code artio}: the same fields
 * set on Artio's generated {@code ExecutionReportEncoder} (the 22 fields reset, as the edge did before), the header
 * set as Artio's session prepares it, and encoded. One operation: 8 reports. In package
 * {@code io.disruptorx.gateway.fix} to reach the edge's package-private classes. Run with {@code -prof gc}:
 *
 * <pre>
 * java -cp disruptorx-bench/target/dx-bench.jar org.openjdk.jmh.Main \
 *     'io.disruptorx.gateway.fix.ExecutionReportBenchmark' -f 1 -wi 3 -w 2 -i 5 -r 2 -prof gc \
 *     -jvmArgsAppend "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ExecutionReportBenchmark
{
    private static final int PAIRS = 2;
    private static final long SENDING_TIME = 1_796_538_605_042L;
    private static final byte[] SYMBOL = "BENCH".getBytes(StandardCharsets.US_ASCII);

    private final InstrumentDirectory instruments = new InstrumentDirectory(
        List.of(new InstrumentSpec(1, "BENCH", 2, 0, 1, 1)));
    private final FixReports reports = new FixReports(instruments);
    private final FixSessionState state = new FixSessionState(null);
    private final ExecutionReportEncoder artio = new ExecutionReportEncoder();
    private final UtcTimestampEncoder sendingTime = new UtcTimestampEncoder(EpochFractionFormat.MILLISECONDS);
    private final MutableAsciiBuffer artioBuffer = new MutableAsciiBuffer(new byte[2048]);
    private final byte[] execId = new byte[FixIds.TEXT_LENGTH];
    private final byte[] account = new byte[FixIds.TEXT_LENGTH];
    private final byte[] orderId = new byte[FixIds.TEXT_LENGTH];
    private final byte[] clOrdId = new byte[FixIds.TEXT_LENGTH];
    private Report[] made;
    private int msgSeqNum;
    private long time = SENDING_TIME;

    /**
     * Makes the reports through the real core and engine.
     */
    @Setup
    public void setUp()
    {
        final GatewayPath path = new GatewayPath();
        for (int i = 0; i < PAIRS; i++)
        {
            path.orderPair();
        }
        final ReportStore store = path.store();
        made = new Report[(int)store.last()];
        for (int i = 0; i < made.length; i++)
        {
            made[i] = store.read(i + 1, new Report());
        }
        state.compIds = FixMessageWriter.compIds("DXVENUE", "BENCH01");
    }

    /**
     * @return bytes written.
     */
    @Benchmark
    public int written()
    {
        int bytes = 0;
        time++;
        for (int i = 0; i < made.length; i++)
        {
            reports.encode(made[i], i + 1, state, ++msgSeqNum, time);
            bytes += reports.written().length();
        }
        return bytes;
    }

    /**
     * @return bytes encoded.
     */
    @Benchmark
    public int artio()
    {
        int bytes = 0;
        time++;
        for (int i = 0; i < made.length; i++)
        {
            bytes += Encoder.length(artio(made[i], i + 1));
        }
        return bytes;
    }

    private long artio(final Report report, final long sequence)
    {
        final ExecutionReportEncoder er = artio;
        er.header().reset();
        er.trailer().reset();
        er.resetExecID();
        er.resetAccount();
        er.instrument().resetSymbol();
        er.resetSide();
        er.resetOrderID();
        er.resetClOrdID();
        er.resetOrigClOrdID();
        er.resetOrdStatusReqID();
        er.resetExecType();
        er.resetOrdStatus();
        er.resetOrdType();
        er.resetTimeInForce();
        er.resetOrdRejReason();
        er.resetText();
        er.resetPrice();
        er.resetLastPx();
        er.resetLastQty();
        er.resetLastLiquidityInd();
        er.resetLeavesQty();
        er.resetCumQty();
        er.resetAvgPx();
        er.orderQtyData().resetOrderQty();
        er.execID(execId, FixIds.decimal(sequence, execId));
        er.account(account, FixIds.decimal(report.accountId(), account));
        er.instrument().symbol(SYMBOL);
        er.side(FixCodes.fixSide(report.side()));
        er.orderID(orderId, FixIds.decimal(report.orderId(), orderId));
        er.clOrdID(clOrdId, FixIds.decimal(report.clientOrderId(), clOrdId));
        if (report.kind() == ReportKind.ACCEPTED)
        {
            er.execType(ExecType.NEW).ordStatus(OrdStatus.NEW).ordType(FixCodes.fixOrdType(report.orderType()))
                .timeInForce(FixCodes.fixTimeInForce(report.timeInForce()))
                .leavesQty(report.quantity(), 0).cumQty(0, 0).avgPx(0, 0).price(report.price(), 2);
            er.orderQtyData().orderQty(report.quantity(), 0);
        }
        else
        {
            er.execType(ExecType.TRADE)
                .ordStatus(report.leavesQuantity() == 0 ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED)
                .lastPx(report.lastPrice(), 2).lastQty(report.lastQuantity(), 0)
                .lastLiquidityInd(report.liquidity() == 0 ? 1 : 2)
                .leavesQty(report.leavesQuantity(), 0).cumQty(report.cumQuantity(), 0)
                .avgPx(FixReports.averagePrice(report.lastPrice() * report.lastQuantity(), report.cumQuantity()), 6);
        }
        er.header().msgSeqNum(++msgSeqNum).sendingTime(sendingTime.buffer(), sendingTime.update(time))
            .senderCompID("DXVENUE").targetCompID("BENCH01");
        return er.encode(artioBuffer, 0);
    }
}
