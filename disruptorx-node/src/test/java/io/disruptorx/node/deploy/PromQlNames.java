package io.disruptorx.node.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric and recording-rule names a PromQL expression reads: what is left once strings, label matchers, range
 * selectors, grouping clauses, numbers, Grafana variables, function names and keywords are taken out.
 */
final class PromQlNames
{
    private static final Pattern STRING = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"|'(\\\\.|[^'\\\\])*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern GROUPING =
        Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$(\\{[^}]*}|\\w+)");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w:])\\d+(\\.\\d+)?([eE][+-]?\\d+)?[a-z]*");
    private static final Pattern NAME = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan",
        "by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,");

    private PromQlNames()
    {
    }

    /**
     * @param expr a PromQL expression, possibly with Grafana variables.
     * @return the metric names it selects.
     */
    static Set<String> of(final String expr)
    {
        String rest = STRING.matcher(expr).replaceAll(" ");
        rest = MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGE.matcher(rest).replaceAll(" ");
        rest = GROUPING.matcher(rest).replaceAll(" ");
        rest = VARIABLE.matcher(rest).replaceAll(" ");
        rest = NUMBER.matcher(rest).replaceAll(" ");
        final Set<String> names = new TreeSet<>();
        final Matcher matcher = NAME.matcher(rest);
        while (matcher.find())
        {
            if (matcher.group(2) == null && !KEYWORDS.contains(matcher.group(1)))
            {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /**
     * @param query a Grafana template variable's Prometheus query.
     * @return the metric names it reads: the metric of {@code label_values(metric, label)}, or those of the PromQL.
     */
    static Set<String> ofVariableQuery(final String query)
    {
        final Matcher matcher = LABEL_VALUES.matcher(query);
        return matcher.find() ? Set.of(matcher.group(1)) : of(query);
    }
}
