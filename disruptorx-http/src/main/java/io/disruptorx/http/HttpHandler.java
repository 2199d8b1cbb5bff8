package io.disruptorx.http;

/**
 * Answers one request on a route. Runs on one of the server's handler threads, never on an I/O thread. An exception
 * becomes a 500 with no detail for the client (the server logs it).
 */
@FunctionalInterface
public interface HttpHandler
{
    /**
     * @param request the whole request (body aggregated, within the size limits).
     * @return the response.
     * @throws Exception on failure: the client gets 500.
     */
    HttpResponse handle(HttpRequest request) throws Exception;
}
