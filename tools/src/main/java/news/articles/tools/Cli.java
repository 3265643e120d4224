package news.articles.tools;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What the command lines share (the importer, PrepareLocalAws, bin/local, bin/benchmark): picocli
 * set up alike, endpoints checked alike, failures explained alike.
 */
public final class Cli {

    private Cli() {
    }

    /** Parses the arguments into the command's options and runs it; returns the exit status, 2 for a wrong command line. */
    public static int execute(Object command, PrintStream out, PrintStream err, List<String> args) {
        CommandLine commandLine = commandLine(command, out, err);
        try {
            return commandLine.execute(args.toArray(String[]::new));
        } finally {
            commandLine.getOut().flush();
            commandLine.getErr().flush();
        }
    }

    /**
     * The command's parser, printing to these streams. A repeated option's last value wins, as
     * with the parsers written by hand before picocli; a wrong command line is reported in one line
     * and the usage, never a stack trace.
     */
    public static CommandLine commandLine(Object command, PrintStream out, PrintStream err) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        return new CommandLine(command)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setOverwrittenOptionsAllowed(true)
                .setParameterExceptionHandler(Cli::wrongCommandLine);
    }

    /**
     * One line for what is wrong (also for a {@link ParameterException} the command throws itself,
     * for what only it can check), the options a mistyped one may have meant, then the usage.
     */
    private static int wrongCommandLine(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        // Picocli checks required options before it reports unknown ones: --tabel is a typo before --table is missing.
        ParameterException first = e instanceof UnmatchedArgumentException || commandLine.getUnmatchedArguments().isEmpty()
                ? e : new UnmatchedArgumentException(commandLine, commandLine.getUnmatchedArguments());
        err.println(commandLine.getCommandName() + ": " + first.getMessage());
        UnmatchedArgumentException.printSuggestions(first, err);
        err.println();
        commandLine.usage(err);
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Each cause on its own line: the SDK's and the stores' messages say what failed, the causes why. */
    public static String causes(Throwable cause) {
        StringBuilder text = new StringBuilder();
        for (Throwable current = cause; current != null; current = current.getCause()) {
            if (current.getMessage() != null) {
                text.append("\n  caused by: ").append(current.getMessage());
            }
        }
        return text.toString();
    }

    /** {@code --endpoint}: a local AWS such as moto's, an http(s) URL. */
    public static final class Endpoint implements ITypeConverter<URI> {

        @Override
        public URI convert(String value) {
            try {
                URI uri = new URI(value);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // Reported below, as for any other value that is not an http(s) URL.
            }
            throw new TypeConversionException("must be an http(s) URL such as http://127.0.0.1:5000, was " + value);
        }
    }

    /** {@code --version}: the command's name and the version in its jar's manifest. */
    public static final class Version implements IVersionProvider {

        @Spec
        CommandSpec spec;

        @Override
        public String[] getVersion() {
            String version = Optional.ofNullable(spec.userObject().getClass().getPackage().getImplementationVersion())
                    .orElse("(a build's classes, not its jar: no version)");
            return new String[] {spec.name() + " " + version};
        }
    }
}
