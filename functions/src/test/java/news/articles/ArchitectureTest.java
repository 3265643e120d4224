package news.articles;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of docs/architecture.md. The domain ({@code article}, {@code subscription},
 * {@code newsletter} and the {@code mail} port) owns its ports and knows no technology; adapters depend on the
 * domain, never the reverse; handlers reach adapters only through {@code Wiring}.
 */
@AnalyzeClasses(packages = "news.articles", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The domain and the leaf packages it may use. */
    private static final String[] DOMAIN = {
        "news.articles.article", "news.articles.subscription", "news.articles.mail", "news.articles.error",
        "news.articles.html", "news.articles.newsletter", "news.articles.keyed", "news.articles.metrics"
    };

    /** What the domain may not know: the edge, the wiring, the technology and its libraries. */
    private static final String[] TECHNOLOGY = {
        "news.articles.http..", "news.articles.handler..", "news.articles.aws..", "news.articles.config..",
        "news.articles.snapstart..", "news.articles.json..", "news.articles.store..", "..dynamodb..", "..ses..",
        "..sns..", "..sqs..", "..emf..", "software.amazon..", "com.amazonaws..", "com.fasterxml..", "org.crac.."
    };

    /** The adapters: technology sub-packages that implement or feed the domain's ports. */
    private static final String[] ADAPTERS = {"news.articles.store..", "news.articles.mail.ses..", "news.articles.subscription.sns..",
        "news.articles.newsletter.sqs..", "news.articles.metrics.emf.."};

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("news.articles.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theDomainKnowsNoTechnology = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(TECHNOLOGY);

    @ArchTest
    static final ArchRule articlesAndSubscriptionsAreIndependent = noClasses().that()
            .resideInAPackage("news.articles.article..")
            .should().dependOnClassesThat().resideInAPackage("news.articles.subscription..")
            .andShould().dependOnClassesThat().resideInAPackage("news.articles.mail..");

    @ArchTest
    static final ArchRule adaptersServeTheDomainNotTheEdge = noClasses().that().resideInAnyPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAnyPackage("news.articles.handler..", "news.articles.http..",
                    "news.articles.snapstart..");

    @ArchTest
    static final ArchRule handlersReachAdaptersOnlyThroughTheWiring = noClasses().that()
            .resideInAPackage("news.articles.handler").and().haveNameNotMatching("news\\.articles\\.handler\\.Wiring(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("news.articles.store..", "news.articles.mail.ses..",
                    "news.articles.newsletter.sqs..", "news.articles.metrics.emf..", "news.articles.aws..",
                    "software.amazon.awssdk..");

    @ArchTest
    static final ArchRule theHttpEdgeKnowsNoDomain = noClasses().that().resideInAPackage("news.articles.http..")
            .should().dependOnClassesThat().resideInAnyPackage("news.articles.article..", "news.articles.subscription..",
                    "news.articles.newsletter..", "news.articles.handler..", "news.articles.store..",
                    "news.articles.aws..");

    @ArchTest
    static final ArchRule configurationIsALeaf = noClasses().that().resideInAPackage("news.articles.config..")
            .should().dependOnClassesThat().resideInAnyPackage("news.articles.article..", "news.articles.subscription..",
                    "news.articles.newsletter..", "news.articles.mail..", "news.articles.http..", "news.articles.handler..",
                    "news.articles.store..");

    @ArchTest
    static final ArchRule loggingIsALeaf = noClasses().that().resideInAPackage("news.articles.logging..")
            .should().dependOnClassesThat().resideInAnyPackage("news.articles.article..", "news.articles.subscription..",
                    "news.articles.newsletter..", "news.articles.mail..", "news.articles.http..", "news.articles.handler..",
                    "news.articles.store..", "news.articles.config..", "com.amazonaws..");

    @ArchTest
    static final ArchRule onlySnapStartTalksToTheRuntimeHooks = noClasses().that()
            .resideOutsideOfPackage("news.articles.snapstart..")
            .should().dependOnClassesThat().resideInAPackage("org.crac..");

    @ArchTest
    static final ArchRule handlersAreNamedForWhatTheyServe = classes().that()
            .implement(com.amazonaws.services.lambda.runtime.RequestStreamHandler.class)
            .and().doNotHaveModifier(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT)
            .should().haveSimpleNameEndingWith("Handler").andShould().resideInAPackage("news.articles.handler");
}
