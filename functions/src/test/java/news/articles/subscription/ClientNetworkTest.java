package news.articles.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientNetworkTest {

    @ParameterizedTest
    @CsvSource({
        "198.51.100.7,                            198.51.100.7",
        "2001:db8:1:2::1,                         2001:0db8:0001:0002::/64",
        "2001:DB8:1:2:ffff:ffff:ffff:fffe,        2001:0db8:0001:0002::/64",
        "2001:0db8:0001:0002:0000:0000:0000:0009, 2001:0db8:0001:0002::/64",
        "[2001:db8:1:2::abcd],                    2001:0db8:0001:0002::/64",
        "fe80::1%eth0,                            fe80:0000:0000:0000::/64",
        "::1,                                     0000:0000:0000:0000::/64",
        "::ffff:192.0.2.1,                        192.0.2.1",
        "2001:db8::,                              2001:0db8:0000:0000::/64",
    })
    void ipv4AloneIpv6ByItsSlash64(String ip, String network) {
        assertEquals(network, ClientNetwork.of(ip));
    }

    @ParameterizedTest
    @CsvSource({"2001:db8:1:2::1, 2001:db8:1:2:dead:beef::7", "2001:db8:1:2::, 2001:db8:1:2:ffff::"})
    void addressesOfOneSlash64CountAsOneClient(String one, String another) {
        assertEquals(ClientNetwork.of(one), ClientNetwork.of(another));
    }

    @ParameterizedTest
    @CsvSource({"2001:db8:1:2::1, 2001:db8:1:3::1", "198.51.100.7, 198.51.100.8"})
    void otherNetworksCountApart(String one, String another) {
        assertEquals(false, ClientNetwork.of(one).equals(ClientNetwork.of(another)));
    }

    /** Not addresses (API Gateway always gives one; the local stack or a test may not): counted as given, never looked up. */
    @ParameterizedTest
    @CsvSource({"example.com, example.com", "1:2:3::4::5, 1:2:3::4::5", "12345::1, 12345::1", "g::1, g::1",
        "1:2:3:4:5:6:7:8:9, 1:2:3:4:5:6:7:8:9"})
    void anythingElseIsCountedAsGiven(String text, String key) {
        assertEquals(key, ClientNetwork.of(text));
    }
}
