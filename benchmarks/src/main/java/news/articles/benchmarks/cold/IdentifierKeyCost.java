package news.articles.benchmarks.cold;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import news.articles.aws.AwsClients;
import news.articles.aws.Secrets;
import news.articles.config.AwsSettings;
import news.articles.keyed.KeyedHash;
import news.articles.tools.ProjectRoot;
import news.articles.tools.local.LocalAws;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What reading the identifier key adds to a cold start: fresh JVMs on the functions' class path
 * (as Lambda runs them), each building the DynamoDB client and making one GetItem, then, in half
 * of them, also building the Secrets Manager client and reading the key as the functions' init
 * does ({@code Secrets.read}: client built, one GetSecretValue, client closed). Rounds alternate
 * the two; the medians of the time from JVM start to the end of the calls are compared. Against
 * moto on loopback. With SnapStart the read happens before the snapshot: restores do not pay it.
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks-1.0.0-SNAPSHOT.jar news.articles.benchmarks.cold.IdentifierKeyCost [rounds]
 * </pre>
 */
public final class IdentifierKeyCost {

    private IdentifierKeyCost() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--child")) {
            child(args[1].equals("secret"), URI.create(args[2]));
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Path root = ProjectRoot.require();
        String classPath = ChildJvm.classPath(root);
        try (MotoServer moto = MotoServer.start(root.resolve("benchmarks/target/moto"))) {
            try (DynamoDbClient dynamoDb = MotoClients.dynamoDb(moto.endpoint())) {
                dynamoDb.createTable(request -> request.tableName("cost").billingMode("PAY_PER_REQUEST")
                        .attributeDefinitions(definition -> definition.attributeName("pk").attributeType("S"))
                        .keySchema(key -> key.attributeName("pk").keyType("HASH")));
            }
            LocalAws.createSecret(moto.endpoint(), "cost-key", LocalAws.newIdentifierKey());
            List<Long> without = new ArrayList<>();
            List<Long> with = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                without.add(ChildJvm.run(classPath, IdentifierKeyCost.class, "dynamodb", moto.endpoint()));
                with.add(ChildJvm.run(classPath, IdentifierKeyCost.class, "secret", moto.endpoint()));
            }
            long a = ChildJvm.median(without);
            long b = ChildJvm.median(with);
            System.out.printf(Locale.ROOT, "%d rounds: DynamoDB client + GetItem %d ms; + Secrets Manager client + GetSecretValue %d ms;"
                    + " reading the key adds %d ms (medians, JVM start to the end of the calls)%n", rounds, a, b, b - a);
        }
    }


    private static void child(boolean withSecret, URI endpoint) {
        AwsSettings settings = MotoClients.settings(endpoint);
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings);
        dynamoDb.getItem(request -> request.tableName("cost").key(Map.of("pk", AttributeValue.fromS("nobody"))));
        if (withSecret) {
            KeyedHash.withKey(Secrets.read(settings, "cost-key")).hash("ip", "192.0.2.1");
        }
        ChildJvm.printElapsed();
    }

}
