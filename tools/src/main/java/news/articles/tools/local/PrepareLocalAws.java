package news.articles.tools.local;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import news.articles.tools.Cli;
import news.articles.tools.ProjectRoot;
import news.articles.tools.importer.ContentException;
import news.articles.tools.importer.ImportFailedException;
import news.articles.tools.template.SamTemplate;
import news.articles.tools.template.TemplateException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Command line: prepares a running moto for {@code sam local invoke --env-vars events/env.json}:
 * tables, verified sender, sample content.
 */
@Command(name = "prepare-local-aws", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        sortOptions = false,
        customSynopsis = {"java -cp 'tools/target/tools-1.0.0-SNAPSHOT.jar:tools/target/lib/*' \\",
            "         news.articles.tools.local.PrepareLocalAws --endpoint=URL [OPTIONS]"},
        description = {
            "Creates the tables of template.yaml under the names the env file gives them (existing ones are kept),"
                    + " verifies the env file's SENDER_ADDRESS in SES and imports content/, in a local AWS (moto). Run"
                    + " it from the repository or any folder in it.",
            ""},
        footer = {"", "Exit status: 0 when everything is in place, 1 otherwise, 2 for a wrong command line."})
public final class PrepareLocalAws implements Callable<Integer> {

    static final String NAME = "prepare-local-aws";
    static final String ENV_FILE = "events/env.json";
    static final String CONTENT_FOLDER = "content";

    @Option(names = "--endpoint", paramLabel = "URL", required = true, converter = Cli.Endpoint.class,
            description = "the local AWS, e.g. http://127.0.0.1:5000")
    URI endpoint;

    /** --env-vars as in bin/local and sam local; --env-file, its first name, still works. */
    @Option(names = {"--env-vars", "--env-file"}, paramLabel = "FILE",
            description = "the sam local env file (default: " + ENV_FILE + ")")
    Path envVars;

    private final PrintStream out;
    private final PrintStream err;

    private PrepareLocalAws(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Runs the command; returns the exit status. Folders are found from the working directory. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        return Cli.execute(new PrepareLocalAws(out, err), out, err, args);
    }

    @Override
    public Integer call() {
        Optional<Path> root = ProjectRoot.find();
        if (root.isEmpty()) {
            err.println(NAME + ": no " + ProjectRoot.TEMPLATE_FILE + " in " + Path.of("").toAbsolutePath()
                    + " or any folder above it; run this from the repository");
            return 1;
        }
        Path envFile = Optional.ofNullable(envVars).orElse(root.get().resolve(ENV_FILE));

        SamEnvFile env;
        try {
            env = SamEnvFile.load(envFile);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            // The message names the file and quotes the cause.
            err.println(NAME + ": " + e.getMessage());
            return 1;
        }
        LocalAws.Preparation done;
        try {
            SamTemplate template = SamTemplate.load(root.get().resolve(ProjectRoot.TEMPLATE_FILE));
            done = LocalAws.prepare(endpoint, template, env, root.get().resolve(CONTENT_FOLDER));
        } catch (ContentException e) {
            err.println(NAME + ": nothing was created; fix these first:");
            e.problems().forEach(problem -> err.println("  " + problem));
            return 1;
        } catch (IllegalArgumentException | IllegalStateException | TemplateException | UnsupportedOperationException
                | ImportFailedException | SdkException e) {
            Optional<Throwable> unreachable = unreachable(e);
            if (unreachable.isPresent()) {
                // The SDK's message and its causes say the same thing at length: one line is enough.
                err.println(NAME + ": nothing answers at " + endpoint + " (" + unreachable.get().getMessage()
                        + "); start moto first: moto_server -H 127.0.0.1 -p " + port(endpoint));
            } else {
                err.println(NAME + ": " + e.getMessage() + Cli.causes(e.getCause()));
            }
            return 1;
        }

        done.tables().forEach((logicalId, name) -> out.println("table " + name + " (" + logicalId + ")"
                + (done.createdTables().contains(name) ? " created" : " exists")));
        done.senders().forEach(sender -> out.println("sender verified in SES: " + sender));
        out.printf(Locale.ROOT, "content: %d articles, %d created, %d updated, %d unchanged%n",
                done.content().entries().size(), done.content().created(), done.content().updated(),
                done.content().unchanged());
        return 0;
    }

    /** The network failure under an SDK call: a refused connection, an unknown host, no route. */
    private static Optional<Throwable> unreachable(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof SocketException || current instanceof UnknownHostException) {
                return Optional.of(current);
            }
        }
        return Optional.empty();
    }

    private static int port(URI endpoint) {
        if (endpoint.getPort() != -1) {
            return endpoint.getPort();
        }
        return "https".equals(endpoint.getScheme()) ? 443 : 80;
    }
}
