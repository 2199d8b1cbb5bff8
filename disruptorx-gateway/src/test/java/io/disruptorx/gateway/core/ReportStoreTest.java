package io.disruptorx.gateway.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportStoreTest
{
    @Test
    void shouldRoundTripEveryField()
    {
        final ReportStore store = new ReportStore(4);
        final Report in = new Report();
        in.kind = ReportKind.FILL;
        in.side = 1;
        in.orderType = 1;
        in.timeInForce = 3;
        in.liquidity = 1;
        in.reason = (byte)200;
        in.flag = 1;
        in.status = 1;
        in.timestamp = 1L << 60;
        in.orderId = 2;
        in.clientOrderId = -3;
        in.requestId = 4;
        in.accountId = 5;
        in.instrumentId = Integer.MAX_VALUE;
        in.price = 6;
        in.quantity = 7;
        in.leavesQuantity = 8;
        in.cumQuantity = 9;
        in.lastPrice = 10;
        in.lastQuantity = -11;
        in.fee = 12;
        in.tradeId = 13;
        in.timeoutMillis = 14;
        assertThat(store.append(in)).isEqualTo(1);
        final Report out = store.read(1, new Report());
        assertThat(out).usingRecursiveComparison().isEqualTo(in);
        assertThat(out.reason()).isEqualTo(200);
    }

    @Test
    void shouldKeepTheLastCapacityReports()
    {
        final ReportStore store = new ReportStore(4);
        final Report report = new Report();
        assertThat(store.oldest()).isGreaterThan(store.last());
        for (int i = 1; i <= 10; i++)
        {
            report.orderId = i;
            store.append(report);
        }
        assertThat(store.last()).isEqualTo(10);
        assertThat(store.oldest()).isEqualTo(7);
        for (long sequence = 7; sequence <= 10; sequence++)
        {
            assertThat(store.read(sequence, report).orderId()).isEqualTo(sequence);
        }
        assertThatThrownBy(() -> store.read(6, report)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.read(11, report)).isInstanceOf(IllegalArgumentException.class);
    }
}
