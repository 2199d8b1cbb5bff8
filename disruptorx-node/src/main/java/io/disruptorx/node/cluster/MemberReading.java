package io.disruptorx.node.cluster;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one member's HTTP server said last ({@code /api/member}, as {@link ClusterMetrics#member()} writes it), as
 * {@link RemoteMembers} keeps it: whether it answered the last time it was asked, and its state then. A member that did
 * not answer keeps the term, commit and snapshot positions and counts of its last answer, but counts as not running,
 * with no role and no election.
 *
 * @param member         the member's id.
 * @param reachable      whether it answered the last time.
 * @param running        whether it said it runs (false while unreachable).
 * @param role           {@code leader}, {@code follower} or {@code candidate}; null when it said none or is
 *                       unreachable.
 * @param electing       whether it said an election is open (false while unreachable).
 * @param term           its leadership term.
 * @param commitPosition its commit position.
 * @param lastSnapshot   its last snapshot's log position (-1: none).
 * @param elections      elections it took part in.
 * @param snapshots      snapshots it took.
 * @param body           its last answer as it was; null before the first.
 * @param error          why it is unreachable; null while reachable.
 */
record MemberReading(int member, boolean reachable, boolean running, String role, boolean electing, long term,
    long commitPosition, long lastSnapshot, long elections, long snapshots, String body, String error)
{
    private static final int MAX_BODY = 4096;
    private static final Pattern MEMBER = Pattern.compile("\"(\\w+)\":(\"[^\"\\\\]*\"|[-\\w.]+)");

    /**
     * @param member   the member's id.
     * @param previous its last reading, or null.
     * @param error    why it did not answer.
     * @return an unreachable member with what it said last.
     */
    static MemberReading unreachable(final int member, final MemberReading previous, final String error)
    {
        final MemberReading last = previous == null ?
            new MemberReading(member, false, false, null, false, -1, -1, -1, 0, 0, null, null) : previous;
        return new MemberReading(member, false, false, null, false, last.term, last.commitPosition,
            last.lastSnapshot, last.elections, last.snapshots, last.body, error);
    }

    /**
     * @param member   the member asked.
     * @param body     its {@code /api/member} answer.
     * @param previous its last reading.
     * @return what it said, or unreachable when the answer is not a member's state or another member's.
     */
    static MemberReading parse(final int member, final String body, final MemberReading previous)
    {
        if (body == null || body.length() > MAX_BODY || !body.startsWith("{"))
        {
            return unreachable(member, previous, "not a member's state");
        }
        final Map<String, String> fields = new HashMap<>();
        final Matcher matcher = MEMBER.matcher(body);
        while (matcher.find())
        {
            final String value = matcher.group(2);
            fields.put(matcher.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
        }
        try
        {
            final int said = Integer.parseInt(fields.getOrDefault("member", "-1"));
            if (said != member)
            {
                return unreachable(member, previous, "answered as member " + said);
            }
            final String role = fields.getOrDefault("role", "null").toLowerCase(Locale.ROOT);
            final String election = fields.getOrDefault("election", "null");
            return new MemberReading(member, true, Boolean.parseBoolean(fields.get("running")),
                role.equals("leader") || role.equals("follower") || role.equals("candidate") ? role : null,
                !election.equals("null") && !election.equals("CLOSED"), number(fields, "term"),
                number(fields, "commitPosition"), number(fields, "lastSnapshot"), number(fields, "elections"),
                number(fields, "snapshots"), body, null);
        }
        catch (final NumberFormatException ex)
        {
            return unreachable(member, previous, "not a member's state: " + ex.getMessage());
        }
    }

    private static long number(final Map<String, String> fields, final String key)
    {
        final String value = fields.get(key);
        return value == null ? 0 : Long.parseLong(value);
    }

    /**
     * @param address where it is asked.
     * @return {@code {"member":N,"address":"HOST:PORT","reachable":B,"state":{...}|null,"error":"..."|null}}.
     */
    String json(final String address)
    {
        return "{\"member\":" + member + ",\"address\":" + quoted(address) + ",\"reachable\":" + reachable +
            ",\"state\":" + (body == null ? "null" : body) + ",\"error\":" + (error == null ? "null" : quoted(error)) +
            "}";
    }

    private static String quoted(final String text)
    {
        final StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                out.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
            }
            else
            {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
