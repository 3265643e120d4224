package news.articles.tools.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import news.articles.tools.ProjectRoot;
import news.articles.tools.template.SamTemplate;

/**
 * Command line: prepares a running moto for {@code sam local invoke --env-vars events/env.json}:
 * tables, verified sender, sample content.
 */
public final class PrepareLocalAws {

    static final String USAGE = String.join("\n",
            "Usage: java -cp 'tools/target/tools-1.0.0-SNAPSHOT.jar:tools/target/lib/*' \\",
            "         news.articles.tools.local.PrepareLocalAws --endpoint URL [--env-file FILE]",
            "",
            "Creates the tables of template.yaml under the names the env file gives them (existing ones are",
            "kept), verifies the env file's SENDER_ADDRESS in SES and imports content/, in a local AWS (moto).",
            "",
            "  --endpoint URL     the local AWS, e.g. http://127.0.0.1:5000 (required)",
            "  --env-file FILE    the sam local env file (default: events/env.json)");

    private PrepareLocalAws() {
    }

    public static void main(String[] args) {
        List<String> remaining = new ArrayList<>(Arrays.asList(args));
        URI endpoint = null;
        Path root = ProjectRoot.require();
        Path envFile = root.resolve("events/env.json");
        while (!remaining.isEmpty()) {
            String option = remaining.remove(0);
            if (option.equals("--endpoint") && !remaining.isEmpty()) {
                endpoint = URI.create(remaining.remove(0));
            } else if (option.equals("--env-file") && !remaining.isEmpty()) {
                envFile = Path.of(remaining.remove(0));
            } else {
                System.err.println(USAGE);
                System.exit(option.equals("--help") ? 0 : 1);
            }
        }
        if (endpoint == null || !Files.isRegularFile(envFile)) {
            System.err.println(endpoint == null ? "--endpoint is required" : "no env file " + envFile);
            System.err.println(USAGE);
            System.exit(1);
        }
        LocalAws.Preparation done = LocalAws.prepare(endpoint, SamTemplate.load(root.resolve(ProjectRoot.TEMPLATE_FILE)),
                SamEnvFile.load(envFile), root.resolve("content"));
        done.tables().forEach((logicalId, name) -> System.out.println("table " + name + " (" + logicalId + ")"
                + (done.createdTables().contains(name) ? " created" : " exists")));
        done.senders().forEach(sender -> System.out.println("sender verified in SES: " + sender));
        System.out.printf("content: %d articles, %d created, %d updated, %d unchanged%n", done.content().entries().size(),
                done.content().created(), done.content().updated(), done.content().unchanged());
    }
}
