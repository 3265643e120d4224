package news.articles.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * The client's IP address, for the per-IP limits and the consent record. Directly behind API
 * Gateway it is the connection's ({@code requestContext.http.sourceIp}); behind CloudFront that is
 * an edge's, shared by every reader it serves, and the reader's is in {@code
 * CloudFront-Viewer-Address}. That header is believed only on requests that carry the origin-verify
 * secret CloudFront adds as a custom origin header ({@value #VERIFY_HEADER}): anyone can send the
 * header straight to the API, nobody but CloudFront knows the secret. Never {@code X-Forwarded-For}.
 */
public final class ClientAddress {

    public static final String VERIFY_HEADER = "x-origin-verify";
    static final String VIEWER_ADDRESS_HEADER = "cloudfront-viewer-address";

    private final Optional<byte[]> originVerifySecret;

    /** {@code originVerifySecret}: empty when the API is not behind CloudFront, so the header is never believed. */
    public ClientAddress(Optional<String> originVerifySecret) {
        this.originVerifySecret = Objects.requireNonNull(originVerifySecret, "originVerifySecret")
                .filter(secret -> !secret.isBlank()).map(secret -> secret.getBytes(StandardCharsets.UTF_8));
    }

    public String of(HttpRequest request) {
        if (originVerifySecret.isPresent()) {
            Optional<String> verify = request.header(VERIFY_HEADER);
            // Compared in constant time: the secret is what keeps the viewer header honest.
            if (verify.isPresent() && MessageDigest.isEqual(originVerifySecret.get(), verify.get().getBytes(StandardCharsets.UTF_8))) {
                Optional<String> viewer = request.header(VIEWER_ADDRESS_HEADER).flatMap(ClientAddress::withoutPort);
                if (viewer.isPresent()) {
                    return viewer.get();
                }
            }
        }
        return request.sourceIp();
    }

    /** {@code 198.51.100.10:46532} or {@code 2001:db8::1:46532} (CloudFront's form: the port after the last colon). */
    static Optional<String> withoutPort(String viewerAddress) {
        String text = viewerAddress.trim();
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1 || !text.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        String address = text.substring(0, colon);
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        boolean plausible = address.length() <= 45
                && address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        return plausible ? Optional.of(address) : Optional.empty();
    }
}
