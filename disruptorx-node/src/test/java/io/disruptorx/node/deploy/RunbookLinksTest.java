package io.disruptorx.node.deploy;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static io.disruptorx.node.deploy.DeployFiles.DEPLOY;
import static io.disruptorx.node.deploy.DeployFiles.list;
import static io.disruptorx.node.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every alert in deploy/prometheus/dx-rules.yml links to a section of docs/runbook.md that exists.
 */
class RunbookLinksTest
{
    private static final String RUNBOOK = "docs/runbook.md#";

    @Test
    void shouldLinkEveryAlertToARunbookSection()
    {
        final Set<String> anchors = new HashSet<>();
        for (final String line : DeployFiles.read(DEPLOY.resolve("../docs/runbook.md")).split("\n"))
        {
            if (line.startsWith("#"))
            {
                anchors.add(slug(line.replaceFirst("^#+\\s*", "")));
            }
        }
        int alerts = 0;
        for (final Object group : list(DeployFiles.document(DEPLOY.resolve("prometheus/dx-rules.yml")).get("groups")))
        {
            for (final Object entry : list(map(group).get("rules")))
            {
                final Map<String, Object> rule = map(entry);
                if (rule.containsKey("alert"))
                {
                    alerts++;
                    final String link = (String)map(rule.get("annotations")).get("runbook");
                    assertThat(link).as(rule.get("alert") + " runbook").startsWith(RUNBOOK);
                    assertThat(anchors).as(rule.get("alert") + " links an existing section")
                        .contains(link.substring(RUNBOOK.length()));
                }
            }
        }
        assertThat(alerts).isGreaterThanOrEqualTo(18);
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
    private static String slug(final String heading)
    {
        return heading.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }
}
