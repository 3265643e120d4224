package news.articles.localstack.gateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import news.articles.localstack.FunctionInvoker;

/**
 * Turns what a function returned into the HTTP response, as an HTTP API does for payload format 2.0.
 *
 * <p>A JSON object with a {@code statusCode} is the response: {@code headers}, each of
 * {@code cookies} as a Set-Cookie header, {@code body}, decoded when {@code isBase64Encoded}; a
 * malformed one is a 500. Anything else is the body of an inferred 200 {@code application/json}
 * response, as it came: documented for valid JSON, and observed for a payload that is not JSON (see
 * the notes in aws-lambda-dotnet's LambdaTestTool-v2, {@code InvokeResponseExtensions}). A function
 * error, its own timeout included, is {@code 500 {"message":"Internal Server Error"}}.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.v2">Lambda function response for format 2.0</a>
 */
final class IntegrationResponse {

    /** What API Gateway answers when a response with a status code names no Content-Type. */
    static final String DEFAULT_CONTENT_TYPE = "text/plain; charset=utf-8";
    /** Headers the gateway owns: the function cannot set them. */
    private static final Set<String> RESERVED = Set.of(
            "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "date", "apigw-requestid");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private IntegrationResponse() {
    }

    static GatewayResponse map(FunctionInvoker.Invocation invocation, boolean dropCorsHeaders) {
        if (invocation.outcome() != FunctionInvoker.Outcome.SUCCESS) {
            // Lambda reports a function that ran past its timeout as a function error.
            return GatewayResponse.internalServerError();
        }
        byte[] payload = invocation.payload();
        JsonNode document;
        try {
            document = payload.length == 0 ? null : MAPPER.readTree(payload);
        } catch (IOException e) {
            document = null;
        }
        if (document != null && document.isObject() && document.has("statusCode")) {
            try {
                return custom(document, dropCorsHeaders);
            } catch (MalformedResponseException e) {
                return GatewayResponse.internalServerError();
            }
        }
        return new GatewayResponse(200, List.of(Map.entry("Content-Type", GatewayResponse.JSON)), payload);
    }

    private static GatewayResponse custom(JsonNode response, boolean dropCorsHeaders) {
        JsonNode statusCode = response.get("statusCode");
        if (!statusCode.isIntegralNumber() || !statusCode.canConvertToInt()
                || statusCode.intValue() < 200 || statusCode.intValue() > 599) {
            throw new MalformedResponseException();
        }
        int status = statusCode.intValue();

        Map<String, Map.Entry<String, String>> headers = new LinkedHashMap<>();
        JsonNode headerNode = response.get("headers");
        if (headerNode != null && !headerNode.isNull()) {
            if (!headerNode.isObject()) {
                throw new MalformedResponseException();
            }
            for (Map.Entry<String, JsonNode> field : headerNode.properties()) {
                JsonNode value = field.getValue();
                if (value.isNull()) {
                    continue;
                }
                if (!value.isValueNode()) {
                    throw new MalformedResponseException();
                }
                String name = field.getKey();
                String lower = name.toLowerCase(Locale.ROOT);
                if (RESERVED.contains(lower) || (dropCorsHeaders && lower.startsWith("access-control-"))
                        || !isToken(name) || hasLineBreak(value.asText())) {
                    continue;
                }
                headers.put(lower, Map.entry(name, value.asText()));
            }
        }

        List<String> cookies = new ArrayList<>();
        JsonNode cookieNode = response.get("cookies");
        if (cookieNode != null && !cookieNode.isNull()) {
            if (!cookieNode.isArray()) {
                throw new MalformedResponseException();
            }
            for (JsonNode cookie : cookieNode) {
                if (!cookie.isTextual()) {
                    throw new MalformedResponseException();
                }
                if (!hasLineBreak(cookie.textValue())) {
                    cookies.add(cookie.textValue());
                }
            }
        }

        JsonNode base64Node = response.get("isBase64Encoded");
        if (base64Node != null && !base64Node.isNull() && !base64Node.isBoolean()) {
            throw new MalformedResponseException();
        }
        boolean base64 = base64Node != null && base64Node.booleanValue();
        byte[] body = new byte[0];
        JsonNode bodyNode = response.get("body");
        if (bodyNode != null && !bodyNode.isNull()) {
            if (!bodyNode.isTextual()) {
                throw new MalformedResponseException();
            }
            try {
                body = base64 ? Base64.getDecoder().decode(bodyNode.textValue())
                        : bodyNode.textValue().getBytes(StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new MalformedResponseException();
            }
        }
        if (status == 204 || status == 304) {
            body = new byte[0];
        }

        List<Map.Entry<String, String>> out = new ArrayList<>();
        headers.forEach((lower, header) -> {
            if (!lower.equals("set-cookie")) {
                out.add(header);
            }
        });
        if (!headers.containsKey("content-type") && status != 204 && status != 304) {
            out.add(Map.entry("Content-Type", DEFAULT_CONTENT_TYPE));
        }
        // Both ship when a function uses cookies and a Set-Cookie header: the cookies first.
        for (String cookie : cookies) {
            out.add(Map.entry("Set-Cookie", cookie));
        }
        if (headers.containsKey("set-cookie")) {
            out.add(Map.entry("Set-Cookie", headers.get("set-cookie").getValue()));
        }
        return new GatewayResponse(status, out, body);
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasLineBreak(String value) {
        return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
    }

    /** The function's response has a statusCode but is not a valid response. */
    private static final class MalformedResponseException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedResponseException() {
            super(null, null, false, false);
        }
    }
}
