package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.lang.reflect.Modifier;
import java.util.List;
import news.articles.tools.ProjectRoot;
import news.articles.tools.template.FunctionDefinition;
import news.articles.tools.template.SamTemplate;
import org.junit.jupiter.api.Test;

/** template.yaml and the code agree: every function's handler is a class Lambda can load and call. */
class TemplateTest {

    private final SamTemplate template = SamTemplate.load(ProjectRoot.require().resolve("template.yaml"));

    @Test
    void everyHandlerIsAPublicLambdaHandlerWithANoArgumentConstructor() throws ReflectiveOperationException {
        List<FunctionDefinition> functions = template.functions();
        assertFalse(functions.isEmpty());
        for (FunctionDefinition function : functions) {
            assertTrue(function.handler().endsWith("::handleRequest"),
                    () -> function.logicalId() + ": handler should name handleRequest, was " + function.handler());
            Class<?> handler = Class.forName(function.handlerClass());
            assertTrue(RequestStreamHandler.class.isAssignableFrom(handler) || RequestHandler.class.isAssignableFrom(handler),
                    () -> handler + " implements no Lambda handler interface");
            assertTrue(Modifier.isPublic(handler.getModifiers()) && !Modifier.isAbstract(handler.getModifiers()),
                    () -> handler + " must be public and concrete");
            assertTrue(Modifier.isPublic(handler.getConstructor().getModifiers()),
                    () -> handler + " needs a public no-argument constructor: Lambda builds it with that");
        }
    }

    @Test
    void eachFunctionHasItsOwnHandlerClass() {
        List<String> classes = template.functions().stream().map(FunctionDefinition::handlerClass).toList();
        assertEquals(classes.size(), classes.stream().distinct().count(), "two functions share a handler: " + classes);
    }
}
