package io.disruptorx.gateway.json;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.http.WebSocketSession;

/**
 * A request to the public streams' thread from an I/O or REST thread: checked, with the books and stream names
 * it names resolved.
 */
final class StreamRequest
{
    /**
     * What is asked.
     */
    enum Kind
    {
        SUBSCRIBE,
        UNSUBSCRIBE,
        LIST_SUBSCRIPTIONS,
        CLOSED,
        DEPTH
    }

    final Kind kind;
    final WebSocketSession session;
    final String id;
    final List<StreamBook> books;
    final List<String> streams;
    final int limit;
    final CompletableFuture<String> answer;

    private StreamRequest(final Kind kind, final WebSocketSession session, final String id,
        final List<StreamBook> books, final List<String> streams, final int limit,
        final CompletableFuture<String> answer)
    {
        this.kind = kind;
        this.session = session;
        this.id = id;
        this.books = books;
        this.streams = streams;
        this.limit = limit;
        this.answer = answer;
    }

    static StreamRequest streams(final Kind kind, final WebSocketSession session, final String id,
        final List<StreamBook> books, final List<String> streams)
    {
        return new StreamRequest(kind, session, id, books, streams, 0, null);
    }

    static StreamRequest depth(final StreamBook book, final int limit,
        final CompletableFuture<String> answer)
    {
        return new StreamRequest(Kind.DEPTH, null, null, List.of(book), List.of(), limit, answer);
    }
}
