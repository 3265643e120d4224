package news.articles.tools.importer;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import news.articles.article.Article;
import news.articles.article.ArticleStatus;
import news.articles.aws.AwsClients;
import news.articles.config.AwsSettings;
import news.articles.store.dynamodb.DynamoDbArticleStore;
import news.articles.tools.CommandLine.UsageException;
import news.articles.tools.CommandLine;
import news.articles.tools.ProjectRoot;
import news.articles.tools.template.SamTemplate;
import news.articles.tools.template.TableDefinition;
import news.articles.tools.template.TableProvisioner;
import news.articles.tools.template.TemplateException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Command line: imports the content folder into the Articles table, in AWS or in a local moto. */
public final class ImportContent {

    static final String USAGE = String.join("\n",
            "Usage: java -jar tools/target/tools-1.0.0-SNAPSHOT.jar --table NAME [options]",
            "",
            "Imports every content/*.md file into the Articles table (the stack's ArticlesTableName output).",
            "Every file is checked before the first write; unchanged articles are not written again.",
            "",
            "  --table NAME       the table to import into (required)",
            "  --content DIR      the folder of .md files (default: content)",
            "  --region REGION    the AWS region (default: AWS_REGION, else AWS_DEFAULT_REGION)",
            "  --endpoint URL     a local AWS such as moto, http://127.0.0.1:5000; without credentials",
            "                     in the environment, dummy ones are used",
            "  --create-table     with --endpoint only: first create the table as template.yaml declares",
            "                     ArticlesTable, unless it exists",
            "  --template FILE    the template for --create-table (default: the nearest template.yaml",
            "                     at or above the working folder)",
            "  --help             this text",
            "",
            "Against AWS the SDK's default credentials chain applies: environment variables, the shared",
            "config and credentials files (AWS_PROFILE), a container or instance role.",
            "Exit status: 0 when every article was imported, 1 otherwise.");

    static final String ARTICLES_TABLE = "ArticlesTable";

    private ImportContent() {
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
        Options options;
        try {
            options = Options.parse(args, environment);
        } catch (UsageException e) {
            err.println("import-content: " + e.getMessage());
            err.println();
            err.println(USAGE);
            return 1;
        }
        if (options.help()) {
            out.println(USAGE);
            return 0;
        }

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
                new AwsSettings(options.region(), options.endpoint(), credentials(options, environment)))) {
            if (options.createTable()) {
                createTableIfMissing(dynamoDb, options, out);
            }
            ContentImporter importer = new ContentImporter(new DynamoDbArticleStore(dynamoDb, options.table()));
            ImportReport report = importer.importArticles(articles, entry -> out.println(line(entry)));
            out.printf(Locale.ROOT, "%d articles from %s into %s: %d created, %d updated, %d unchanged (%d %s)%n",
                    report.entries().size(), options.content(), options.table(),
                    report.created(), report.updated(), report.unchanged(),
                    report.drafts(), report.drafts() == 1 ? "draft" : "drafts");
            return 0;
        } catch (ImportFailedException e) {
            // The message already quotes the direct cause's.
            err.println("import-content: " + e.getMessage() + CommandLine.causes(e.getCause().getCause()));
            err.printf(Locale.ROOT, "import-content: %d of %d articles were saved before the failure%n",
                    e.completed().entries().size(), articles.size());
            return 1;
        } catch (TemplateException | UnsupportedOperationException | SdkException e) {
            err.println("import-content: " + e.getMessage() + CommandLine.causes(e.getCause()));
            return 1;
        }
    }

    private static String line(ImportReport.Entry entry) {
        return String.format(Locale.ROOT, "%-9s %s%s", entry.outcome().name().toLowerCase(Locale.ROOT), entry.slug(),
                entry.status() == ArticleStatus.DRAFT ? " (draft)" : "");
    }

    /**
     * AWS: the SDK's default chain, so that profiles and roles work as in the AWS CLI. A local
     * endpoint accepts anything, and the chain would otherwise end by asking the instance metadata
     * service, which is slow to fail and not ours to call.
     */
    private static AwsCredentialsProvider credentials(Options options, Map<String, String> environment) {
        boolean environmentHasCredentials = present(environment, "AWS_ACCESS_KEY_ID")
                && present(environment, "AWS_SECRET_ACCESS_KEY");
        if (options.endpoint().isPresent() && !environmentHasCredentials && !present(environment, "AWS_PROFILE")) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        }
        return DefaultCredentialsProvider.builder().build();
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

    private static boolean present(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value != null && !value.isBlank();
    }

    /** The parsed command line. */
    record Options(
            boolean help,
            String table,
            Path content,
            Region region,
            Optional<URI> endpoint,
            boolean createTable,
            Optional<Path> template) {

        static Options parse(List<String> args, Map<String, String> environment) {
            String table = null;
            Path content = Path.of("content");
            String region = null;
            Optional<URI> endpoint = Optional.empty();
            boolean createTable = false;
            Optional<Path> template = Optional.empty();
            List<String> remaining = new ArrayList<>(args);
            while (!remaining.isEmpty()) {
                String option = remaining.remove(0);
                switch (option) {
                    case "--help", "-h" -> {
                        return new Options(true, null, content, null, endpoint, false, template);
                    }
                    case "--table" -> table = CommandLine.value(option, remaining);
                    case "--content" -> content = Path.of(CommandLine.value(option, remaining));
                    case "--region" -> region = CommandLine.value(option, remaining);
                    case "--endpoint" -> endpoint = Optional.of(CommandLine.endpoint(CommandLine.value(option, remaining)));
                    case "--create-table" -> createTable = true;
                    case "--template" -> template = Optional.of(Path.of(CommandLine.value(option, remaining)));
                    default -> throw new UsageException("unknown option " + option);
                }
            }
            if (table == null) {
                throw new UsageException("--table is required");
            }
            if (createTable && endpoint.isEmpty()) {
                throw new UsageException("--create-table needs --endpoint: in AWS, the stack creates the table");
            }
            if (template.isPresent() && !createTable) {
                throw new UsageException("--template is only read with --create-table");
            }
            if (region == null) {
                region = Optional.ofNullable(environment.get("AWS_REGION")).filter(value -> !value.isBlank())
                        .or(() -> Optional.ofNullable(environment.get("AWS_DEFAULT_REGION"))
                                .filter(value -> !value.isBlank()))
                        .orElseThrow(() -> new UsageException(
                                "no region: give --region, or set AWS_REGION or AWS_DEFAULT_REGION"));
            }
            return new Options(false, table, content, Region.of(region.trim()), endpoint, createTable, template);
        }
    }
}
