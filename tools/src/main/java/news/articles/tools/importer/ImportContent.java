package news.articles.tools.importer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import news.articles.article.Article;
import news.articles.article.ArticleStatus;
import news.articles.aws.AwsClients;
import news.articles.config.AwsSettings;
import news.articles.store.dynamodb.DynamoDbArticleStore;
import news.articles.store.dynamodb.DynamoDbTaxonomyStore;
import news.articles.tools.AwsOptions;
import news.articles.tools.Cli;
import news.articles.tools.ProjectRoot;
import news.articles.tools.template.SamTemplate;
import news.articles.tools.template.TableDefinition;
import news.articles.tools.template.TableProvisioner;
import news.articles.tools.template.TemplateException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Command line: imports the content folder into the Articles table, in AWS or in a local moto. */
@Command(name = "import-content", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        sortOptions = false,
        customSynopsis = "java -jar tools/target/tools-1.0.0-SNAPSHOT.jar --table=NAME [OPTIONS]",
        description = {
            "Imports every content/*.md file into the Articles table (the stack's ArticlesTableName output). Every"
                    + " file is checked before the first write; unchanged articles are not written again.",
            ""},
        footer = {
            "",
            "Against AWS the SDK's default credentials chain applies: environment variables, the shared config and"
                    + " credentials files (AWS_PROFILE), a container or instance role.",
            "Exit status: 0 when every article was imported, 1 when the import failed, 2 for a wrong command line."})
public final class ImportContent implements Callable<Integer> {

    static final String ARTICLES_TABLE = "ArticlesTable";

    @Option(names = "--table", paramLabel = "NAME", required = true, description = "the table to import into")
    String table;

    @Option(names = "--content", paramLabel = "DIR", defaultValue = "content",
            description = "the folder of .md files (default: ${DEFAULT-VALUE})")
    Path content;

    @Mixin
    AwsOptions aws;

    @Option(names = "--create-table", description = "with --endpoint only: first create the table as template.yaml"
            + " declares ArticlesTable, unless it exists")
    boolean createTable;

    @Option(names = "--template", paramLabel = "FILE", description = "the template for --create-table (default: the"
            + " nearest template.yaml at or above the working folder)")
    Path template;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    private ImportContent(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.getenv(), System.out, System.err));
    }

    /** Runs the command; returns the exit status. The environment is a parameter so that tests can choose it. */
    public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        return Cli.execute(new ImportContent(environment, out, err), out, err, args);
    }

    @Override
    public Integer call() {
        Options options = options();
        List<Article> articles;
        try {
            articles = ContentImporter.parseFolder(options.content());
        } catch (ContentException e) {
            err.println("import-content: nothing was imported; fix these first:");
            e.problems().forEach(problem -> err.println("  " + problem));
            return 1;
        }
        if (articles.isEmpty()) {
            err.println("import-content: " + options.content() + " holds no " + MarkdownArticle.EXTENSION + " files");
            return 1;
        }

        try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(
                options.aws())) {
            if (options.createTable()) {
                createTableIfMissing(dynamoDb, options, out);
            }
            ContentImporter importer = new ContentImporter(new DynamoDbArticleStore(dynamoDb, options.table()),
                    new DynamoDbTaxonomyStore(dynamoDb, options.table()), Clock.systemUTC());
            ImportReport report = importer.importArticles(articles, entry -> out.println(line(entry)));
            out.printf(Locale.ROOT, "%d articles from %s into %s: %d created, %d updated, %d unchanged (%d %s)%n",
                    report.entries().size(), options.content(), options.table(),
                    report.created(), report.updated(), report.unchanged(),
                    report.drafts(), report.drafts() == 1 ? "draft" : "drafts");
            return 0;
        } catch (ImportFailedException e) {
            // The message already quotes the direct cause's.
            err.println("import-content: " + e.getMessage() + Cli.causes(e.getCause().getCause()));
            err.printf(Locale.ROOT, "import-content: %d of %d articles were saved before the failure%n",
                    e.completed().entries().size(), articles.size());
            return 1;
        } catch (TemplateException | UnsupportedOperationException | SdkException e) {
            err.println("import-content: " + e.getMessage() + Cli.causes(e.getCause()));
            return 1;
        }
    }

    private static String line(ImportReport.Entry entry) {
        return String.format(Locale.ROOT, "%-9s %s%s", entry.outcome().name().toLowerCase(Locale.ROOT), entry.slug(),
                entry.status() == ArticleStatus.DRAFT ? " (draft)" : "");
    }

    private static void createTableIfMissing(DynamoDbClient dynamoDb, Options options, PrintStream out) {
        try {
            dynamoDb.describeTable(request -> request.tableName(options.table()));
            out.println("table " + options.table() + " exists");
            return;
        } catch (ResourceNotFoundException e) {
            // Create it below.
        }
        Path templateFile = options.template().orElseGet(() -> ProjectRoot.find()
                .map(root -> root.resolve(ProjectRoot.TEMPLATE_FILE))
                .orElseThrow(() -> new TemplateException("no " + ProjectRoot.TEMPLATE_FILE
                        + " at or above the working folder; give one with --template")));
        TableDefinition table = SamTemplate.load(templateFile).table(ARTICLES_TABLE)
                .orElseThrow(() -> new TemplateException(templateFile + " declares no " + ARTICLES_TABLE));
        TableProvisioner.createTable(dynamoDb, table, options.table());
        out.println("table " + options.table() + " created as " + templateFile + " declares " + ARTICLES_TABLE);
    }

    /** The command line, checked beyond what picocli checks: what one option means for another, the region. */
    private Options options() {
        if (table.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--table needs a value");
        }
        AwsSettings settings = aws.settings(environment, spec.commandLine());
        if (createTable && settings.endpoint().isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "--create-table needs --endpoint: in AWS, the stack creates the table");
        }
        if (template != null && !createTable) {
            throw new ParameterException(spec.commandLine(), "--template is only read with --create-table");
        }
        return new Options(table, content, settings, createTable,
                Optional.ofNullable(template));
    }

    /** The checked command line. */
    record Options(
            String table,
            Path content,
            AwsSettings aws,
            boolean createTable,
            Optional<Path> template) {
    }
}
