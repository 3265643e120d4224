package news.articles.localstack;

/** Runs a function on an event, as Lambda's Invoke API does for API Gateway. */
public interface FunctionInvoker extends AutoCloseable {

    /** Blocks until the function answered, failed or timed out. */
    Invocation invoke(String functionLogicalId, byte[] event);

    @Override
    void close();

    /** What came back: the response payload, or the kind of failure API Gateway turns into a 5xx. */
    record Invocation(Outcome outcome, byte[] payload) {
        public Invocation {
            java.util.Objects.requireNonNull(outcome, "outcome");
            java.util.Objects.requireNonNull(payload, "payload");
        }
    }

    /** How an invocation ended. */
    enum Outcome {
        /** The handler returned; {@code payload} is its response. */
        SUCCESS,
        /** The handler threw, or its init failed; {@code payload} is Lambda's error document. */
        FUNCTION_ERROR,
        /** The function ran past its timeout and was stopped. */
        TIMEOUT
    }
}
