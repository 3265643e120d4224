package news.articles.testing.property;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.articles.http.HttpResponse;
import news.articles.json.Json;

/**
 * What every answer of an HTTP function must be, whatever it was sent: a well-formed payload 2.0
 * response; a 2xx, a 304 where conditional GET applies, or a 4xx, never a 5xx; errors with a
 * stable code, as JSON (or as a page for a browser); nothing of an exception in the body; header
 * values that cannot split a response; and the security headers.
 */
public final class ResponseInvariants {

    /** Every code an HTTP function may answer a client error with. A new one is added here on purpose. */
    public static final Set<String> CLIENT_ERROR_CODES = Set.of(
            "MALFORMED_EVENT", "METHOD_NOT_ALLOWED", "INVALID_BODY", "BODY_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE",
            "INVALID_JSON", "INVALID_FORM", "INVALID_FIELD", "INVALID_SLUG", "ARTICLE_NOT_FOUND", "INVALID_LIMIT",
            "INVALID_TAG", "INVALID_SECTION", "CONFLICTING_FILTERS", "INVALID_CURSOR", "INVALID_EXCLUDE", "INVALID_EMAIL",
            "TOO_MANY_REQUESTS", "INVALID_TOKEN", "TOKEN_EXPIRED", "CROSS_SITE_REQUEST", "INVALID_EDITION_ID",
            "EDITION_NOT_FOUND");

    /** Traces of an exception or of our internals: class and package names, stack frames, JSON parser wording. */
    private static final Pattern EXCEPTION_TEXT = Pattern.compile(
            "(?i)exception|\\bjava\\.|\\bjavax\\.|\\bjdk\\.|software\\.amazon|com\\.fasterxml|news\\.articles"
                    + "|\\bat [\\w$.]+\\(|caused by|stack ?trace|unrecognized token|unexpected character|line: \\d");
    private static final Pattern ERROR_PAGE_CODE = Pattern.compile("<code>(\\d{3}) ([A-Z_]+)</code>");
    private static final Pattern STYLE_ELEMENT = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]* action=\"([^\"]*)\"");
    private static final Pattern ATTRIBUTE_STYLE_OR_HANDLER = Pattern.compile("<[^>]*\\s(style|on[a-z]+)\\s*=");
    private static final Pattern HEADER_NAME = Pattern.compile("[a-z0-9-]+");

    /** The codes of the only 5xx answers, given when a store or the mailer failed. */
    public static final Set<String> SERVER_ERROR_CODES = Set.of("STORE_UNAVAILABLE", "MAIL_UNAVAILABLE", "INTERNAL_ERROR");

    /**
     * What a handler promises beyond the common invariants. With {@code dependenciesMayFail}, a 503
     * (with Retry-After) or a 500 is allowed too, with one of {@link #SERVER_ERROR_CODES}.
     */
    public record Expectations(Set<Integer> successStatuses, boolean conditionalGet, boolean personalData,
            boolean dependenciesMayFail) {
        public Expectations {
            successStatuses = Set.copyOf(successStatuses);
        }

        public Expectations(Set<Integer> successStatuses, boolean conditionalGet, boolean personalData) {
            this(successStatuses, conditionalGet, personalData, false);
        }

        public Expectations whenDependenciesFail() {
            return new Expectations(successStatuses, conditionalGet, personalData, true);
        }
    }

    /** A response read back from the function's output, with its error code, if it is an error. */
    public record Response(int status, Map<String, String> headers, String body, String code) {
        Response withCode(String code) {
            return new Response(status, headers, body, code);
        }
    }

    private ResponseInvariants() {
    }

    /** Checks the raw bytes a function wrote; returns what they say, for further checks. */
    public static Response check(byte[] output, Expectations expected) {
        Response response = read(output);
        int status = response.status();
        boolean success = expected.successStatuses().contains(status);
        boolean notModified = status == 304 && expected.conditionalGet();
        boolean clientError = status >= 400 && status <= 499;
        boolean serverError = expected.dependenciesMayFail() && (status == 500 || status == 503);
        boolean error = clientError || serverError;
        require(success || notModified || error, "status " + status + " is not one this function may answer");
        if (status == 503) {
            require(response.headers().getOrDefault("retry-after", "").matches("[1-9][0-9]{0,4}"), "a 503 says when to retry");
        }

        response.headers().forEach((name, value) -> {
            require(HEADER_NAME.matcher(name).matches(), "header name " + Property.printable(name));
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                require(c >= 0x20 && c < 0x7f, "header " + name + " holds character U+" + Integer.toHexString(c));
            }
        });
        require("nosniff".equals(response.headers().get("x-content-type-options")), "no X-Content-Type-Options: nosniff");
        if (expected.personalData() || error) {
            require("no-store".equals(response.headers().get("cache-control")),
                    "cache-control must be no-store, was " + response.headers().get("cache-control"));
        }

        Matcher leak = EXCEPTION_TEXT.matcher(response.body());
        require(!leak.find(), "the body shows exception text: " + (leak.hitEnd() ? "" : Property.printable(
                response.body().substring(Math.max(0, leak.start() - 40), Math.min(response.body().length(), leak.end() + 40)))));

        if (notModified) {
            require(response.body().isEmpty(), "a 304 has no body");
            require(!response.headers().containsKey("content-type"), "a 304 has no content type");
            return response;
        }
        String contentType = response.headers().get("content-type");
        if (HttpResponse.HTML.equals(contentType)) {
            return response.withCode(checkPage(response, error));
        } else {
            require(HttpResponse.JSON.equals(contentType), "content type " + contentType);
            Object json = parseJson(response.body());
            if (error) {
                require(json instanceof Map<?, ?> map && map.size() == 2 && map.get("message") instanceof String message
                                && !message.isBlank() && map.get("code") instanceof String code && knownCode(status, code),
                        "an error body is {\"code\": <known code>, \"message\": ...}, was " + Property.printable(response.body()));
                return response.withCode((String) ((Map<?, ?>) json).get("code"));
            }
        }
        return response;
    }

    private static boolean knownCode(int status, String code) {
        return status >= 500 ? SERVER_ERROR_CODES.contains(code) : CLIENT_ERROR_CODES.contains(code);
    }

    private static String checkPage(Response response, boolean error) {
        require(response.body().startsWith("<!doctype html>"), "a page starts with its doctype");
        checkContentSecurityPolicy(response);
        require("no-referrer".equals(response.headers().get("referrer-policy")), "a page needs referrer-policy: no-referrer");
        if (error) {
            Matcher code = ERROR_PAGE_CODE.matcher(response.body());
            require(code.find() && code.group(1).equals(Integer.toString(response.status()))
                    && knownCode(response.status(), code.group(2)), "an error page names its status and a known code");
            return code.group(2);
        }
        return null;
    }

    /**
     * Our pages run no script and load nothing; their only style is the {@code <style>} element,
     * allowed by its hash; their forms post back to the same origin; nobody may frame them.
     */
    private static void checkContentSecurityPolicy(Response response) {
        String policy = response.headers().get("content-security-policy");
        require(policy != null, "a page needs a content-security-policy");
        Map<String, Set<String>> directives = new java.util.HashMap<>();
        for (String directive : policy.split(";")) {
            String[] words = directive.trim().split("\\s+");
            require(directives.put(words[0], Set.of(java.util.Arrays.copyOfRange(words, 1, words.length))) == null,
                    "a directive repeated in " + policy);
        }
        require(Set.of("'none'").equals(directives.get("default-src")), "default-src 'none' in " + policy);
        require(Set.of("'none'").equals(directives.get("frame-ancestors")), "frame-ancestors 'none' in " + policy);
        require(Set.of("'none'").equals(directives.get("base-uri")), "base-uri 'none' in " + policy);
        require(Set.of("'self'").equals(directives.get("form-action")), "form-action 'self' in " + policy);
        require(Set.of("default-src", "style-src", "form-action", "frame-ancestors", "base-uri").equals(directives.keySet()),
                "nothing but what the page needs in " + policy);
        Set<String> styles = new java.util.HashSet<>();
        Matcher style = STYLE_ELEMENT.matcher(response.body());
        while (style.find()) {
            styles.add("'sha256-" + sha256Base64(style.group(1)) + "'");
        }
        require(!styles.isEmpty() && styles.equals(directives.get("style-src")),
                "style-src allows exactly the page's style elements by hash: " + styles + ", was " + directives.get("style-src"));
        String body = response.body().toLowerCase(java.util.Locale.ROOT);
        require(!body.contains("<script") && !ATTRIBUTE_STYLE_OR_HANDLER.matcher(body).find(),
                "no script, no style attribute, no event handler attribute");
        Matcher action = FORM_ACTION.matcher(response.body());
        while (action.find()) {
            require(!action.group(1).contains(":") && !action.group(1).startsWith("//"),
                    "a form posts to the same origin: " + action.group(1));
        }
    }

    private static String sha256Base64(String text) {
        try {
            return java.util.Base64.getEncoder().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response read(byte[] output) {
        Object tree = parseJson(new String(output, StandardCharsets.UTF_8));
        require(tree instanceof Map<?, ?>, "the output is not a JSON object");
        Map<?, ?> response = (Map<?, ?>) tree;
        require(response.get("statusCode") instanceof Json.JsonNumber, "no numeric statusCode");
        require(response.get("headers") instanceof Map<?, ?>, "no headers object");
        require(response.get("body") instanceof String, "no string body");
        require(Boolean.FALSE.equals(response.get("isBase64Encoded")), "isBase64Encoded must be false");
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        ((Map<?, ?>) response.get("headers")).forEach((name, value) -> {
            require(value instanceof String, "header " + name + " is not a string");
            headers.put((String) name, (String) value);
        });
        return new Response(Integer.parseInt(((Json.JsonNumber) response.get("statusCode")).text()), headers,
                (String) response.get("body"), null);
    }

    private static Object parseJson(String text) {
        try {
            return Json.read(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + Property.printable(text), e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
