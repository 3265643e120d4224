package news.articles.tools.moto;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes one {@link MotoServer} per JVM, started on first use and stopped when the
 * test run ends, and injects it into constructors, lifecycle and test methods.
 *
 * <p>moto starts in a second or two, so sharing it keeps suites fast; classes that share it keep
 * apart by their own table names, or call {@link MotoServer#reset()} when they need a clean account.
 */
public final class MotoExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoExtension.class);

    /** Starts the server before the class's first test, so that a missing moto fails the class once. */
    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == MotoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return server(extensionContext);
    }

    /**
     * The JVM's server. The root store closes what it holds, AutoCloseable values included, when
     * the whole test plan has run.
     */
    public static MotoServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(MotoServer.class, key -> MotoServer.start(), MotoServer.class);
    }
}
