package io.disruptorx.dashboard;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

import io.disruptorx.audit.AuditEvent;
import io.disruptorx.audit.AuditRing;
import io.disruptorx.http.HttpRequest;
import io.disruptorx.http.HttpResponse;
import io.disruptorx.http.Routes;

/**
 * The dashboard's operator actions, server side: sign-in against the venue's users (a session cookie, HttpOnly and
 * SameSite=Strict), and each action checked against the signed-in user's roles <em>now</em>, sent through the
 * venue's admin command path ({@link VenueOperations}) and audited: one record per request, {@code COMMAND} with
 * the command's sequence when it was sent, {@code DENIAL} with the reason when it was refused (401 no session,
 * 403 no role permits it, 400 a malformed request, 503 the venue did not take it). Sign-ins are audited as
 * {@code LOGIN_OK} and {@code LOGIN_FAILED}. Until {@link #secure} gives it the users, nobody can sign in and the
 * page is read-only. Requests that change anything must be {@code application/json} and, when the browser says
 * where they come from ({@code Origin}), come from this host: with the SameSite cookie, another site's page
 * cannot make a signed-in browser act.
 */
final class OperatorDesk
{
    static final String SESSION = "/dashboard/api/session";
    static final String SIGN_IN = "/dashboard/api/signin";
    static final String SIGN_OUT = "/dashboard/api/signout";
    static final String ACTION = "/dashboard/api/action";
    static final String COOKIE = "dx_dashboard";
    static final String PROTOCOL = "dashboard";

    private final VenueOperations venue;
    private final OperatorSessions sessions;
    private final LongSupplier epochNanos;
    private volatile OperatorUsers users;
    private volatile AuditRing audit;

    OperatorDesk(final VenueOperations venue, final LongSupplier nanoTime, final LongSupplier epochNanos)
    {
        this.venue = venue;
        this.sessions = new OperatorSessions(nanoTime);
        this.epochNanos = epochNanos;
    }

    void mount(final Routes routes)
    {
        routes.get(SESSION, this::session)
            .post(SIGN_IN, this::signIn)
            .post(SIGN_OUT, this::signOut)
            .post(ACTION, this::action);
    }

    void secure(final OperatorUsers users, final AuditRing audit)
    {
        this.audit = audit;
        this.users = users;
    }

    private HttpResponse session(final HttpRequest request)
    {
        final OperatorUsers known = users;
        final String user = known == null ? null : sessions.user(token(request));
        final StringBuilder json = new StringBuilder("{\"signIn\":").append(known != null).append(",\"user\":");
        if (user == null)
        {
            json.append("null,\"actions\":[]");
        }
        else
        {
            Json.string(json, user).append(",\"actions\":");
            actions(json, known.permitted(user));
        }
        return noStore(HttpResponse.json(json.append('}').toString()));
    }

    private HttpResponse signIn(final HttpRequest request)
    {
        final HttpResponse refused = crossSite(request);
        if (refused != null)
        {
            return refused;
        }
        final OperatorUsers known = users;
        if (known == null)
        {
            return error(503, "no user file: the dashboard is read-only");
        }
        final Map<String, Object> body = FlatJson.parse(request.bodyText());
        if (body == null || !(body.get("user") instanceof String user) ||
            !(body.get("password") instanceof String password) || user.isEmpty() || user.length() > 64)
        {
            return error(400, "send {\"user\":...,\"password\":...}");
        }
        final Set<OperatorAction> actions = known.signIn(user, password, "");
        if (actions == null)
        {
            record(AuditEvent.LOGIN_FAILED, user, "", 0, 0, "wrong user or password, or throttled");
            return error(401, "sign-in refused");
        }
        final String token = sessions.open(user);
        if (token == null)
        {
            record(AuditEvent.LOGIN_FAILED, user, "", 0, 0, "too many dashboard sessions");
            return error(503, "too many sessions");
        }
        record(AuditEvent.LOGIN_OK, user, "", 0, 0, "");
        final StringBuilder json = Json.string(new StringBuilder("{\"user\":"), user).append(",\"actions\":");
        actions(json, actions);
        return noStore(HttpResponse.json(json.append('}').toString())).withHeader("Set-Cookie",
            COOKIE + "=" + token + "; Path=/dashboard/; HttpOnly; SameSite=Strict");
    }

    private HttpResponse signOut(final HttpRequest request)
    {
        final HttpResponse refused = crossSite(request);
        if (refused != null)
        {
            return refused;
        }
        final String token = token(request);
        final String user = sessions.user(token);
        sessions.close(token);
        if (user != null)
        {
            record(AuditEvent.LOGOUT, user, "", 0, 0, "");
        }
        return noStore(HttpResponse.json("{\"user\":null}")).withHeader("Set-Cookie",
            COOKIE + "=; Path=/dashboard/; Max-Age=0; HttpOnly; SameSite=Strict");
    }

    private HttpResponse action(final HttpRequest request)
    {
        final HttpResponse refused = crossSite(request);
        if (refused != null)
        {
            return refused;
        }
        final OperatorUsers known = users;
        final String user = known == null ? null : sessions.user(token(request));
        final Map<String, Object> body = FlatJson.parse(request.bodyText());
        final OperatorAction action = body != null && body.get("action") instanceof String name ?
            OperatorAction.fromWireName(name) : null;
        final long instrument = body == null ? -1 : number(body, "instrument");
        final long account = body == null ? -1 : number(body, "account");
        final String command = action == null ? "unknown" : action.wireName();
        if (user == null)
        {
            record(AuditEvent.DENIAL, "", command, account, instrument, "no dashboard session");
            return error(401, "sign in first");
        }
        final String invalid = invalid(action, body, instrument, account);
        if (invalid != null)
        {
            record(AuditEvent.DENIAL, user, command, account, instrument, invalid);
            return error(400, invalid);
        }
        if (!known.permitted(user).contains(action))
        {
            record(AuditEvent.DENIAL, user, command, account, instrument, "ROLE_NOT_PERMITTED");
            return error(403, "no role of " + user + " permits " + command);
        }
        final long sequence = venue.execute(action, (int)instrument, account, number(body, "maxQuantity"),
            number(body, "maxNotional"));
        if (sequence == VenueOperations.NOT_TAKEN)
        {
            record(AuditEvent.DENIAL, user, command, account, instrument, "venue input full");
            return error(503, "the venue is busy: try again");
        }
        record(AuditEvent.COMMAND, user, command, account, instrument, "sequence " + sequence);
        return noStore(HttpResponse.json("{\"ok\":true,\"action\":\"" + command + "\",\"sequence\":" + sequence +
            "}"));
    }

    private static String invalid(
        final OperatorAction action, final Map<String, Object> body, final long instrument, final long account)
    {
        if (action == null)
        {
            return "unknown action";
        }
        if (instrument < 0 || instrument > Integer.MAX_VALUE || account < 0)
        {
            return "instrument and account are whole numbers, 0 or more";
        }
        if (action.needsInstrument() && instrument == 0 || action.needsAccount() && account == 0)
        {
            return action.wireName() + " needs " + (action.needsInstrument() ? "an instrument" : "an account");
        }
        if (action.needsAccount() && (number(body, "maxQuantity") <= 0 || number(body, "maxNotional") <= 0))
        {
            return action.wireName() + " needs the account's maxQuantity and maxNotional (greater than 0)";
        }
        return null;
    }

    private static long number(final Map<String, Object> body, final String name)
    {
        final Object value = body.get(name);
        return value == null ? 0 : value instanceof Long number ? number : -1;
    }

    /**
     * @return a refusal when the request may come from another site's page, else null.
     */
    private static HttpResponse crossSite(final HttpRequest request)
    {
        final String type = request.header("Content-Type");
        if (type == null || !type.startsWith("application/json"))
        {
            return error(415, "send application/json");
        }
        final String origin = request.header("Origin");
        final String host = request.header("Host");
        if (origin != null && (host == null || !(origin.equals("http://" + host) || origin.equals("https://" + host))))
        {
            return error(403, "cross-site request refused");
        }
        return null;
    }

    private static String token(final HttpRequest request)
    {
        final String cookies = request.header("Cookie");
        if (cookies == null)
        {
            return null;
        }
        for (final String cookie : cookies.split(";"))
        {
            final String trimmed = cookie.trim();
            if (trimmed.startsWith(COOKIE + "="))
            {
                return trimmed.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }

    private void record(
        final AuditEvent event, final String user, final String command, final long account, final long instrument,
        final String detail)
    {
        final AuditRing ring = audit;
        if (ring != null)
        {
            ring.offer(event, epochNanos.getAsLong(), -1, user, "", PROTOCOL, command, Math.max(0, account),
                Math.max(0, instrument), 0, 0, detail);
        }
    }

    private static void actions(final StringBuilder json, final Set<OperatorAction> actions)
    {
        json.append('[');
        final Set<String> names = new TreeSet<>();
        actions.forEach(action -> names.add(action.wireName()));
        int i = 0;
        for (final String name : names)
        {
            Json.string(json.append(i++ == 0 ? "" : ","), name);
        }
        json.append(']');
    }

    private static HttpResponse error(final int status, final String message)
    {
        return noStore(HttpResponse.of(status, HttpResponse.JSON,
            Json.string(new StringBuilder("{\"error\":"), message).append('}').toString()));
    }

    private static HttpResponse noStore(final HttpResponse response)
    {
        return response.withHeader("Cache-Control", "no-store");
    }
}
