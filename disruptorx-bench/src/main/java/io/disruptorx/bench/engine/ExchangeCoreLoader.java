package io.disruptorx.bench.engine;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Builds the exchange-core runner in its own class loader.
 *
 * <p>exchange-core 0.5.3 was built on Disruptor 3.4.2 and reaches into its internals (by reflection, and through
 * DSL methods that 4.0 removed), while the rest of DisruptorX uses Disruptor 4.0.0. The child loader therefore
 * loads {@code com.lmax.disruptor}, {@code exchange.core2.core} and our runner from its own URLs first: the
 * Disruptor 3.4.2 jar (shipped inside this module as a resource), the exchange-core jar and this module's classes.
 * Everything else (JDK, Chronicle, Agrona, Eclipse Collections, our flow and {@link FlowRunner}) comes from the
 * parent, so the runner can be used through {@link FlowRunner}.
 */
public final class ExchangeCoreLoader
{
    /** The JVM options exchange-core (Chronicle Bytes) needs on JDK 17, verified by removing each in turn. */
    public static final String[] JVM_OPTIONS = {
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--add-opens", "java.base/java.nio=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
    };

    private static final String DISRUPTOR_RESOURCE = "/exchange-core-lib/disruptor-3.4.2.jar";
    private static final String RUNNER_CLASS = "io.disruptorx.bench.engine.exchangecore.ExchangeCoreFlowRunner";
    private static final String[] CHILD_FIRST = {
        "com.lmax.disruptor.", "exchange.core2.core.", "io.disruptorx.bench.engine.exchangecore.",
        "io.disruptorx.bench.node.exchangecore.",
    };

    private ExchangeCoreLoader()
    {
    }

    /**
     * @return whether this JVM was started with {@link #JVM_OPTIONS}.
     */
    public static boolean jvmOptionsPresent()
    {
        final Module unnamed = ExchangeCoreLoader.class.getClassLoader().getUnnamedModule();
        final Module base = Object.class.getModule();
        return base.isOpen("java.lang", unnamed) && base.isOpen("java.nio", unnamed)
            && base.isOpen("sun.nio.ch", unnamed);
    }

    /**
     * @param flow         flow to replay.
     * @param waitStrategy exchange-core {@code CoreWaitStrategy} name, e.g. YIELDING.
     * @return a started exchange-core runner; close it to stop exchange-core's threads.
     */
    public static FlowRunner newRunner(final OrderFlow flow, final String waitStrategy)
    {
        return newInstance(RUNNER_CLASS, FlowRunner.class, new Class<?>[]{OrderFlow.class, String.class},
            flow, waitStrategy);
    }

    /**
     * Instantiates a class of one of the exchange-core packages ({@code io.disruptorx.bench.engine.exchangecore},
     * {@code io.disruptorx.bench.node.exchangecore}) in a new exchange-core class loader. Only parent-loaded types
     * may cross: {@code type}, the parameter types and the arguments.
     *
     * @param className      class to instantiate.
     * @param type           parent-loaded type it implements.
     * @param parameterTypes constructor parameter types.
     * @param args           constructor arguments.
     * @param <T>            that type.
     * @return the instance; exchange-core's threads started by its constructor have the child loader as context.
     */
    public static <T> T newInstance(
        final String className, final Class<T> type, final Class<?>[] parameterTypes, final Object... args)
    {
        final ClassLoader parent = ExchangeCoreLoader.class.getClassLoader();
        final Thread thread = Thread.currentThread();
        final ClassLoader previous = thread.getContextClassLoader();
        try
        {
            final URL[] urls = {
                extractDisruptor().toUri().toURL(),
                location(Class.forName("exchange.core2.core.ExchangeCore", false, parent)),
                location(ExchangeCoreLoader.class),
            };
            final ClassLoader loader = new ChildFirstLoader(urls, parent);
            // exchange-core's threads start now and inherit this, so name lookups inside them resolve here too
            thread.setContextClassLoader(loader);
            return type.cast(loader.loadClass(className).getConstructor(parameterTypes).newInstance(args));
        }
        catch (final InvocationTargetException ex)
        {
            throw new IllegalStateException("exchange-core failed to start", ex.getCause());
        }
        catch (final ReflectiveOperationException | IOException ex)
        {
            throw new IllegalStateException("cannot load exchange-core in its own class loader", ex);
        }
        finally
        {
            thread.setContextClassLoader(previous);
        }
    }

    private static URL location(final Class<?> type)
    {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    private static Path extractDisruptor() throws IOException
    {
        try (InputStream in = ExchangeCoreLoader.class.getResourceAsStream(DISRUPTOR_RESOURCE))
        {
            if (in == null)
            {
                throw new IOException("resource " + DISRUPTOR_RESOURCE + " missing: build disruptorx-bench with Maven");
            }
            final Path jar = Files.createTempFile("dx-exchange-core-disruptor-", ".jar");
            jar.toFile().deleteOnExit();
            Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
            return jar;
        }
    }

    /** Loads the child-first packages from its own URLs, everything else from the parent. */
    private static final class ChildFirstLoader extends URLClassLoader
    {
        static
        {
            ClassLoader.registerAsParallelCapable();
        }

        ChildFirstLoader(final URL[] urls, final ClassLoader parent)
        {
            super("exchange-core", urls, parent);
        }

        @Override
        protected Class<?> loadClass(final String name, final boolean resolve) throws ClassNotFoundException
        {
            if (!isChildFirst(name))
            {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name))
            {
                Class<?> type = findLoadedClass(name);
                if (type == null)
                {
                    type = findClass(name);
                }
                if (resolve)
                {
                    resolveClass(type);
                }
                return type;
            }
        }

        private static boolean isChildFirst(final String name)
        {
            for (final String prefix : CHILD_FIRST)
            {
                if (name.startsWith(prefix))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
