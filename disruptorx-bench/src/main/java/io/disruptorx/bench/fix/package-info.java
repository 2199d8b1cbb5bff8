/**
 * The FIX legs of {@code dx bench gateway}: a QuickFIX/J 3.0.0 initiator load against our FIX 4.4 gateway (Artio)
 * and, side by side in the same run, against the anchor: a QuickFIX/J acceptor that answers every NewOrderSingle
 * with an ExecutionReport and does nothing else.
 */
package io.disruptorx.bench.fix;
