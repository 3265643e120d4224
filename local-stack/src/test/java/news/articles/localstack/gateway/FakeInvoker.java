package news.articles.localstack.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import news.articles.localstack.FunctionInvoker;

/** Records each event it receives and answers with what the test set. */
final class FakeInvoker implements FunctionInvoker {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Function<Call, Invocation> answer = call -> success("{\"statusCode\":200,\"body\":\"ok\"}");

    record Call(String functionLogicalId, byte[] event) {
        JsonNode json() {
            try {
                return JSON.readTree(event);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Invocation success(String payload) {
        return new Invocation(Outcome.SUCCESS, payload.getBytes(StandardCharsets.UTF_8));
    }

    void answer(Function<Call, Invocation> answer) {
        this.answer = answer;
    }

    void answer(Invocation invocation) {
        this.answer = call -> invocation;
    }

    List<Call> calls() {
        return calls;
    }

    Call onlyCall() {
        if (calls.size() != 1) {
            throw new AssertionError("expected one invocation, got " + calls.size());
        }
        return calls.get(0);
    }

    @Override
    public Invocation invoke(String functionLogicalId, byte[] event) {
        Call call = new Call(functionLogicalId, event);
        calls.add(call);
        return answer.apply(call);
    }

    @Override
    public void close() {
    }
}
