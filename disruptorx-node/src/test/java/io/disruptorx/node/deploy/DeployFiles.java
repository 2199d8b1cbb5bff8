package io.disruptorx.node.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the repository's deploy/ files (YAML and JSON) as maps and lists, for the tests that check them.
 */
final class DeployFiles
{
    static final Path DEPLOY = Path.of("..", "deploy");

    private DeployFiles()
    {
    }

    /**
     * @param file a YAML file with one or more documents (JSON is YAML too).
     * @return its documents, each a map.
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(final Path file)
    {
        final List<Map<String, Object>> documents = new ArrayList<>();
        for (final Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(file)))
        {
            if (document != null)
            {
                documents.add((Map<String, Object>)document);
            }
        }
        return documents;
    }

    /**
     * @param file a YAML file with one document.
     * @return the document.
     */
    static Map<String, Object> document(final Path file)
    {
        final List<Map<String, Object>> documents = documents(file);
        if (documents.size() != 1)
        {
            throw new IllegalStateException(file + " holds " + documents.size() + " documents, not 1");
        }
        return documents.get(0);
    }

    static String read(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static List<Path> files(final Path dir, final String suffix)
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            return paths.filter(path -> path.toString().endsWith(suffix)).sorted().toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(final Object value)
    {
        return (Map<String, Object>)value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(final Object value)
    {
        return value == null ? List.of() : (List<Object>)value;
    }

    /**
     * @param root   a map.
     * @param dotted a path of keys, e.g. {@code spec.template.spec}.
     * @return the value there, or null.
     */
    static Object at(final Map<String, Object> root, final String dotted)
    {
        Object value = root;
        for (final String key : dotted.split("\\."))
        {
            if (!(value instanceof Map))
            {
                return null;
            }
            value = map(value).get(key);
        }
        return value;
    }
}
