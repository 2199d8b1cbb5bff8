package io.disruptorx.http;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target: one client byte stream (request lines, headers, Content-Length and chunked bodies, pipelined
 * requests, WebSocket upgrades and frames, paths that try to leave the static root: {@code /static/../},
 * {@code %2e%2e}, overlong UTF-8, backslashes) on a real loopback connection of its own to the venue's real
 * {@link HttpServer} serving {@code /health}, {@code /metrics}, a JSON API, static files and a WebSocket endpoint
 * ({@link HttpFuzzHarness}): every input is answered with well-formed responses or the connection closed, within a
 * bound; no file outside the static root is served; every refusal answered is counted; a legitimate request on a
 * fresh connection succeeds after it. The build runs it in regression mode over its seed corpus
 * ({@code src/test/resources/io/disruptorx/http/HttpRequestFuzzTestInputs}); {@code -Pslow} fuzzes it for a million
 * executions (docs/security.md, "Fuzzing").
 */
class HttpRequestFuzzTest
{
    private static final HttpFuzzHarness HARNESS = new HttpFuzzHarness();

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    @DictionaryEntries({"GET ", "HEAD ", "POST ", "OPTIONS ", " HTTP/1.1\\x0d\\x0a", " HTTP/1.0\\x0d\\x0a",
        "\\x0d\\x0a\\x0d\\x0a", "Host: localhost\\x0d\\x0a", "Content-Length: ",
        "Transfer-Encoding: chunked\\x0d\\x0a", "Connection: close\\x0d\\x0a", "Connection: keep-alive\\x0d\\x0a",
        "Connection: Upgrade\\x0d\\x0a", "Upgrade: websocket\\x0d\\x0a", "Sec-WebSocket-Version: 13\\x0d\\x0a",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\\x0d\\x0a", "Expect: 100-continue\\x0d\\x0a",
        "0\\x0d\\x0a\\x0d\\x0a", "/health", "/metrics", "/api/trades", "/api/echo", "/ws", "/static/",
        "/static/index.html", "/static/app.js", "/static/css", "../", "..%2f", "%2e%2e", "%252e", "%c0%ae", "%5c",
        "%00", "?x=1&y=%zz"})
    void fuzzRequest(final byte[] input)
    {
        HARNESS.exchange(input);
    }
}
