package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The detector behind {@link NoPersonalDataInLogs}: what it must find, and what log lines hold besides. */
class PersonalDataTest {

    @Test
    void findsEmailAndIpAddresses() {
        assertEquals(List.of("reader@example.com", "First.Last+news@Example.ORG", "198.51.100.7", "2001:db8::7",
                        "fe80::1", "2001:0db8:0000:0000:0000:ff00:0042:8329"),
                PersonalData.in("to reader@example.com, First.Last+news@Example.ORG from 198.51.100.7 or 2001:db8::7,"
                        + " fe80::1 (2001:0db8:0000:0000:0000:ff00:0042:8329)"));
    }

    @Test
    void leavesLoopbackVersionsTimesAndCodeAlone() {
        assertEquals(List.of(), PersonalData.in("""
                request failed: status=503 causes=news.articles.store.StoreException at news.articles.store.dynamodb.DynamoDbErrors.translate(DynamoDbErrors.java:24)
                Unable to execute HTTP request: Connect to 127.0.0.1:45678 [/127.0.0.1] failed: Connection refused; ::1 too
                aws-sdk-java/2.57.8 OpenJDK_64-Bit_Server_VM/17.0.12+7 at 14:36:58, news.articles.handler.GetArticleHandler::handleRequest
                SES events: {"records":1,"addresses":1,"newlySuppressed":1,"ignored":0,"unreadable":0}, functions-1.0.0-SNAPSHOT.jar
                """));
    }
}
