package news.articles.it;

import java.net.URI;
import java.util.function.Consumer;
import news.articles.tools.moto.MotoClients;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A DynamoDB client for moto that reports the operation name of every request it puts on the wire. */
final class CountedDynamoDb {

    private CountedDynamoDb() {
    }

    /** Counted at transmission, so each retry counts as a request, as DynamoDB would bill it. */
    static DynamoDbClient client(URI moto, Consumer<String> onRequest) {
        return DynamoDbClient.builder()
                .region(MotoClients.REGION)
                .credentialsProvider(MotoClients.settings(moto).credentials())
                .endpointOverride(moto)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config -> config.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        onRequest.accept(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                    }
                }))
                .build();
    }
}
