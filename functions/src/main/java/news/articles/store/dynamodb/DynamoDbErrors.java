package news.articles.store.dynamodb;

import java.util.function.Supplier;
import news.articles.error.StoreException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK failures into {@link StoreException}s that say what was being done, never what was stored. */
final class DynamoDbErrors {

    private DynamoDbErrors() {
    }

    static <T> T translate(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(action, e);
        }
    }

    static StoreException translate(String action, SdkException e) {
        // By the time an exception gets here the SDK has already spent its retries; a later
        // attempt may still succeed for anything the service would retry.
        return new StoreException("DynamoDB could not " + action + " (" + e.getClass().getSimpleName() + ")",
                !isRequestFault(e), e);
    }

    /** A 4xx other than throttling means the request itself is wrong: repeating it cannot help. */
    private static boolean isRequestFault(SdkException e) {
        return e instanceof AwsServiceException service
                && service.statusCode() >= 400 && service.statusCode() < 500
                && !service.isThrottlingException();
    }
}
