package news.articles.keyed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyedHashTest {

    private static final String KEY = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01";

    @Test
    void isTheHmacSha256OfPurposeAndTextUnderTheKey() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal("ip:192.0.2.1".getBytes(StandardCharsets.UTF_8)));

        assertEquals(expected, KeyedHash.withKey(KEY).hash("ip", "192.0.2.1"));
        assertEquals(43, expected.length());
    }

    @Test
    void purposesAndKeysGiveDifferentHashes() {
        KeyedHash hash = KeyedHash.withKey(KEY);
        assertNotEquals(hash.hash("ip", "192.0.2.1"), hash.hash("mailbox", "192.0.2.1"));
        assertNotEquals(hash.hash("ip", "192.0.2.1"), KeyedHash.withKey(KEY + "x").hash("ip", "192.0.2.1"));
    }

    @Test
    void aShortKeyIsRefusedAndTheKeyIsNeverPrinted() {
        assertThrows(IllegalArgumentException.class, () -> KeyedHash.withKey("too-short"));
        assertFalse(KeyedHash.withKey(KEY).toString().contains(KEY.substring(0, 8)));
    }
}
