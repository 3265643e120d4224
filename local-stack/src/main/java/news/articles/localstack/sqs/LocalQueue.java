package news.articles.localstack.sqs;

import java.net.URI;
import java.util.Objects;
import news.articles.localstack.TemplateResolver;

/**
 * One {@code AWS::SQS::Queue} of the template as the local stack names it in moto: its
 * {@code QueueName} if the template gives one, else its logical id ({@code .fifo} added for a FIFO
 * queue), with the URL moto gives it ({@code !Ref}) and its ARN ({@code !GetAtt Queue.Arn}).
 */
public record LocalQueue(String logicalId, String name, URI url, String arn) {

    public LocalQueue {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(arn, "arn");
    }

    /** The queue {@code name} in the moto at {@code endpoint}: moto's URLs are {@code <endpoint>/<account>/<name>}. */
    public static LocalQueue in(URI endpoint, String logicalId, String name) {
        Objects.requireNonNull(endpoint, "endpoint");
        String base = endpoint.toString().endsWith("/") ? endpoint.toString() : endpoint + "/";
        return new LocalQueue(logicalId, name, URI.create(base + TemplateResolver.ACCOUNT_ID + "/" + name),
                "arn:aws:sqs:" + TemplateResolver.REGION + ":" + TemplateResolver.ACCOUNT_ID + ":" + name);
    }
}
