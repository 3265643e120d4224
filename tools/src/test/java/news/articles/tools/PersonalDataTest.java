package news.articles.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The detector the log checks use finds what it must, and only that. */
class PersonalDataTest {

    @Test
    void findsEmailAndIpAddressesWhereverTheyAreInALine() {
        for (String line : new String[] {
                "[SubscribeFunction] signed up reader@example.com",
                "[SubscribeFunction] {\"email\":\"json.reader.0001@load-test.example.org\"}",
                "to o'brien@example.ie",
                "request from 127.0.0.1",
                "x-forwarded-for: 203.0.113.7, 10.0.0.1",
                "client=192.168.1.254:5173",
                "source ::1 port 80",
                "peer [::ffff:7f00:1]:3000",
                "peer 2001:db8:0:0:0:0:0:1",
                "peer fe80::1%eth0",
        }) {
            assertFalse(PersonalData.find(line).isEmpty(), line);
        }
    }

    @Test
    void findsEachAddressWhole() {
        assertEquals(List.of("reader@example.com", "First.Last+news@Example.ORG", "198.51.100.7", "2001:db8::7",
                        "fe80::1", "2001:0db8:0000:0000:0000:ff00:0042:8329"),
                PersonalData.find("to reader@example.com, First.Last+news@Example.ORG from 198.51.100.7 or 2001:db8::7,"
                        + " fe80::1 (2001:0db8:0000:0000:0000:ff00:0042:8329)"));
    }

    @Test
    void leavesTheLinesLambdaTheGatewayAndTheSdkPrintAlone() {
        for (String line : new String[] {
                "2026-11-29T14:15:53.123Z GET /articles/ev-charging 200 12 ms GetArticleFunction",
                "[GetArticleFunction] START RequestId: 3f2c0a4e-1b2d-4e5f-8a9b-0c1d2e3f4a5b Version: $LATEST",
                "[GetArticleFunction] REPORT RequestId: 3f2c0a4e Duration: 12.34 ms Billed Duration: 13 ms Memory Size: 1024 MB",
                "aws-sdk-java/2.57.8 Linux/6.1.0 OpenJDK_64-Bit_Server_VM/17.0.15+6 Java/17.0.15",
                "version 1.2.3.4.5 of something",
                "at news.articles.http.ApiHandler.handleRequest(ApiHandler.java:24)",
                "POST /subscriptions/[redacted] 404",
                "method reference Foo::bar, news.articles.handler.GetArticleHandler::handleRequest at 14:36:58",
                "SES events: {\"records\":1,\"addresses\":1,\"newlySuppressed\":1,\"ignored\":0,\"unreadable\":0}",
                "functions-1.0.0-SNAPSHOT.jar",
        }) {
            assertEquals(List.of(), PersonalData.find(line), line);
        }
    }

    @Test
    void loopbackAddressesAreFoundButCanBeSetAside() {
        String line = "Connect to 127.0.0.1:45678 [/127.0.0.1] failed: Connection refused; ::1 too; then 198.51.100.7";
        assertEquals(List.of("127.0.0.1", "127.0.0.1", "198.51.100.7", "::1"), PersonalData.find(line));
        assertEquals(List.of("198.51.100.7"), PersonalData.findBeyondLoopback(line));
        assertTrue(PersonalData.isLoopback("::ffff:7f00:1"));
    }
}
