package news.articles.benchmarks.newsletter;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import news.articles.aws.AwsClients;
import news.articles.benchmarks.cold.ChildJvm;
import news.articles.config.AwsSettings;
import news.articles.tools.ProjectRoot;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the SQS client adds to a cold start: fresh JVMs on the functions' class path (as Lambda
 * runs them, with the template's JAVA_TOOL_OPTIONS), each building the DynamoDB client and making
 * one GetItem, then, in half of them, also building the SQS client and making one SendMessageBatch
 * (what the weekly function and the sender add). Rounds alternate the two; the medians of the
 * time from JVM start to the end of the calls are compared. Against moto on loopback.
 *
 *   java -cp benchmarks/target/benchmarks-1.0.0-SNAPSHOT.jar news.articles.benchmarks.newsletter.SqsClientCost [rounds]
 */
public final class SqsClientCost {

    private SqsClientCost() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--child")) {
            child(args[1].equals("sqs"), URI.create(args[2]));
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Path root = ProjectRoot.require();
        String classPath = ChildJvm.classPath(root);
        try (MotoServer moto = MotoServer.start(root.resolve("benchmarks/target/moto"))) {
            try (DynamoDbClient dynamoDb = MotoClients.dynamoDb(moto.endpoint());
                    SqsClient sqs = AwsClients.sqs(MotoClients.settings(moto.endpoint()))) {
                dynamoDb.createTable(request -> request.tableName("cost").billingMode("PAY_PER_REQUEST")
                        .attributeDefinitions(definition -> definition.attributeName("pk").attributeType("S"))
                        .keySchema(key -> key.attributeName("pk").keyType("HASH")));
                sqs.createQueue(request -> request.queueName("cost"));
            }
            List<Long> without = new ArrayList<>();
            List<Long> with = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                without.add(ChildJvm.run(classPath, SqsClientCost.class, "dynamodb", moto.endpoint()));
                with.add(ChildJvm.run(classPath, SqsClientCost.class, "sqs", moto.endpoint()));
            }
            long a = ChildJvm.median(without);
            long b = ChildJvm.median(with);
            System.out.printf(Locale.ROOT, "%d rounds: DynamoDB client + GetItem %d ms; + SQS client + SendMessageBatch %d ms;"
                    + " the SQS client adds %d ms (medians, JVM start to the end of the calls)%n", rounds, a, b, b - a);
        }
    }


    private static void child(boolean withSqs, URI endpoint) {
        AwsSettings settings = MotoClients.settings(endpoint);
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings);
        dynamoDb.getItem(request -> request.tableName("cost").key(Map.of("pk", AttributeValue.fromS("nobody"))));
        if (withSqs) {
            SqsClient sqs = AwsClients.sqs(settings);
            // The functions read the queue's URL from their environment: no GetQueueUrl here either.
            String url = endpoint.resolve("/123456789012/cost").toString();
            sqs.sendMessageBatch(request -> request.queueUrl(url).entries(entry -> entry.id("0").messageBody("{}")));
        }
        ChildJvm.printElapsed();
    }

}
