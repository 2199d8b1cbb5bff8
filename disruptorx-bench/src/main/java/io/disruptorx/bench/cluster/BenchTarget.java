package io.disruptorx.bench.cluster;

/**
 * What the cluster benchmark drives: something that takes numbered requests and reports, through
 * {@link #poll}, the number of each request answered.
 */
interface BenchTarget
{
    /**
     * @param index the request's number, unique over the benchmark.
     * @return whether it was taken now.
     */
    boolean send(long index);

    /**
     * Delivers the answers available now to the listener.
     *
     * @param listener told each answered index.
     * @return answers delivered.
     */
    int poll(AnswerListener listener);

    /**
     * Keeps the target's session alive while another target is measured (a cluster closes a silent session, and
     * a client whose conductor runs in its poll must be polled).
     */
    void keepAlive();

    /**
     * Told each answer.
     */
    @FunctionalInterface
    interface AnswerListener
    {
        /**
         * @param index       the request answered.
         * @param answerNanos when the answer was read.
         */
        void onAnswer(long index, long answerNanos);
    }
}
