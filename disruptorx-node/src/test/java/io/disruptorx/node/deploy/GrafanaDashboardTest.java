package io.disruptorx.node.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import org.junit.jupiter.api.Test;

import static io.disruptorx.node.deploy.DeployFiles.DEPLOY;
import static io.disruptorx.node.deploy.DeployFiles.at;
import static io.disruptorx.node.deploy.DeployFiles.list;
import static io.disruptorx.node.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The Grafana dashboards and provisioning in deploy/grafana, checked structurally: strict JSON, unique uids and
 * panel ids, panels on the 24-column grid without overlap, every query on the one provisioned Prometheus data source
 * through the {@code $datasource} variable, every variable a query uses defined. What the queries name is checked
 * against a running node by {@link DeployedMetricNamesTest}.
 */
class GrafanaDashboardTest
{
    static final Path GRAFANA = DEPLOY.resolve("grafana");
    private static final Set<String> PANEL_TYPES = Set.of("row", "timeseries", "stat", "gauge", "table", "text");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)");
    private static final Map<String, Object> DATASOURCE = Map.of("type", "prometheus", "uid", "${datasource}");

    @Test
    void shouldBeStrictJsonWithUniqueDashboardUids()
    {
        final List<Path> dashboards = dashboards();
        assertThat(dashboards).isNotEmpty();
        final Set<String> uids = new HashSet<>();
        for (final Path file : dashboards)
        {
            assertThatCode(() -> ConfigFactory.parseString(DeployFiles.read(file),
                ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON))).as(file + " is JSON")
                .doesNotThrowAnyException();
            final Map<String, Object> dashboard = DeployFiles.document(file);
            final String uid = (String)dashboard.get("uid");
            assertThat(uid).as(file + " uid").matches("[a-zA-Z0-9_-]{1,40}");
            assertThat(uids.add(uid)).as("uid " + uid + " unique").isTrue();
            assertThat((String)dashboard.get("title")).as(file + " title").isNotBlank();
            assertThat((Integer)dashboard.get("schemaVersion")).as(file + " schemaVersion").isGreaterThanOrEqualTo(36);
            assertThat(list(dashboard.get("panels"))).as(file + " panels").isNotEmpty();
        }
    }

    @Test
    void shouldLayOutPanelsWithUniqueIdsOnTheGridWithoutOverlap()
    {
        for (final Path file : dashboards())
        {
            final Set<Integer> ids = new HashSet<>();
            final Set<String> cells = new HashSet<>();
            for (final Map<String, Object> panel : panels(DeployFiles.document(file)))
            {
                final String name = file.getFileName() + " panel " + panel.get("title");
                assertThat(ids.add((Integer)panel.get("id"))).as(name + " id unique").isTrue();
                assertThat(PANEL_TYPES).as(name + " type").contains((String)panel.get("type"));
                assertThat((String)panel.get("title")).as(name + " title").isNotBlank();
                final Map<String, Object> grid = map(panel.get("gridPos"));
                final int x = (Integer)grid.get("x");
                final int y = (Integer)grid.get("y");
                final int w = (Integer)grid.get("w");
                final int h = (Integer)grid.get("h");
                assertThat(x).as(name + " x").isBetween(0, 23);
                assertThat(w).as(name + " w").isBetween(1, 24 - x);
                assertThat(h).as(name + " h").isPositive();
                for (int row = y; row < y + h; row++)
                {
                    for (int column = x; column < x + w; column++)
                    {
                        assertThat(cells.add(row + ":" + column)).as(name + " overlaps another at " + row + ":" +
                            column).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void shouldQueryTheProvisionedPrometheusThroughTheDatasourceVariable()
    {
        final Map<String, Object> provisioned = DeployFiles.document(
            GRAFANA.resolve("provisioning/datasources/prometheus.yml"));
        final List<Object> sources = list(provisioned.get("datasources"));
        final Set<String> sourceUids = new HashSet<>();
        for (final Object source : sources)
        {
            assertThat(map(source).get("type")).isEqualTo("prometheus");
            assertThat(sourceUids.add((String)map(source).get("uid"))).as("data source uids unique").isTrue();
        }
        for (final Path file : dashboards())
        {
            final Map<String, Object> dashboard = DeployFiles.document(file);
            final Map<String, Map<String, Object>> variables = variables(dashboard);
            final Map<String, Object> datasource = variables.get("datasource");
            assertThat(datasource).as(file + " has a $datasource variable").isNotNull();
            assertThat(datasource.get("type")).isEqualTo("datasource");
            assertThat(datasource.get("query")).isEqualTo("prometheus");
            assertThat(sourceUids).as("$datasource defaults to a provisioned data source")
                .contains((String)at(datasource, "current.value"));
            for (final Map<String, Object> variable : variables.values())
            {
                if ("query".equals(variable.get("type")))
                {
                    assertThat(variable.get("datasource")).as("variable " + variable.get("name")).isEqualTo(DATASOURCE);
                }
            }
            for (final Map<String, Object> panel : panels(dashboard))
            {
                if ("row".equals(panel.get("type")))
                {
                    continue;
                }
                final String name = file.getFileName() + " panel " + panel.get("title");
                assertThat(panel.get("datasource")).as(name + " datasource").isEqualTo(DATASOURCE);
                final List<Object> targets = list(panel.get("targets"));
                assertThat(targets).as(name + " targets").isNotEmpty();
                final Set<String> refIds = new HashSet<>();
                for (final Object target : targets)
                {
                    final Map<String, Object> query = map(target);
                    assertThat(query.get("datasource")).as(name + " target datasource").isEqualTo(DATASOURCE);
                    assertThat(refIds.add((String)query.get("refId"))).as(name + " refIds unique").isTrue();
                    final String expr = (String)query.get("expr");
                    assertThat(expr).as(name + " expr").isNotBlank();
                    final Matcher used = VARIABLE.matcher(expr);
                    while (used.find())
                    {
                        assertThat(used.group(1).startsWith("__") || variables.containsKey(used.group(1)))
                            .as(name + " uses $" + used.group(1) + ", which is defined").isTrue();
                    }
                }
            }
        }
    }

    @Test
    void shouldProvisionDashboardsFromFiles()
    {
        final Map<String, Object> provisioning = DeployFiles.document(
            GRAFANA.resolve("provisioning/dashboards/disruptorx.yml"));
        assertThat(provisioning.get("apiVersion")).isEqualTo(1);
        final List<Object> providers = list(provisioning.get("providers"));
        assertThat(providers).hasSize(1);
        assertThat(map(providers.get(0)).get("type")).isEqualTo("file");
        assertThat((String)at(map(providers.get(0)), "options.path")).startsWith("/");
    }

    static List<Path> dashboards()
    {
        return DeployFiles.files(GRAFANA.resolve("dashboards"), ".json");
    }

    static List<Map<String, Object>> panels(final Map<String, Object> dashboard)
    {
        final List<Map<String, Object>> panels = new ArrayList<>();
        for (final Object panel : list(dashboard.get("panels")))
        {
            panels.add(map(panel));
            for (final Object nested : list(map(panel).get("panels")))
            {
                panels.add(map(nested));
            }
        }
        return panels;
    }

    static Map<String, Map<String, Object>> variables(final Map<String, Object> dashboard)
    {
        final Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
        for (final Object variable : list(at(dashboard, "templating.list")))
        {
            final Map<String, Object> v = map(variable);
            assertThat(variables.put((String)v.get("name"), v)).as("variable " + v.get("name") + " unique").isNull();
        }
        return variables;
    }
}
