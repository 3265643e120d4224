package news.articles.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterOverridesTest {

    private static String failure(String text) {
        return assertThrows(IllegalArgumentException.class, () -> ParameterOverrides.parse(text), text).getMessage();
    }

    @Test
    void aPlainPair() {
        assertEquals(Map.of("SenderAddress", "me@example.com"), ParameterOverrides.parse("SenderAddress=me@example.com"));
    }

    @Test
    void aDoubleQuotedValueKeepsItsSpacesAndSingleQuotes() {
        assertEquals(Map.of("SiteName", "Bob's  news"), ParameterOverrides.parse("SiteName=\"Bob's  news\""));
    }

    @Test
    void aSingleQuotedValueKeepsItsSpacesAndDoubleQuotes() {
        assertEquals(Map.of("SiteName", "The \"Daily\" News"), ParameterOverrides.parse("SiteName='The \"Daily\" News'"));
    }

    @Test
    void severalPairsInTheirOrderWhateverTheWhitespace() {
        Map<String, String> values = ParameterOverrides.parse(
                "  SiteName=\"My site\"\tSenderAddress=me@example.com\n AllowedOrigins='http://a,http://b'  ");

        assertEquals(Map.of("SiteName", "My site", "SenderAddress", "me@example.com",
                "AllowedOrigins", "http://a,http://b"), values);
        assertEquals(List.of("SiteName", "SenderAddress", "AllowedOrigins"), List.copyOf(values.keySet()));
    }

    @Test
    void theValueRunsFromTheFirstEqualsSign() {
        assertEquals(Map.of("SiteUrl", "https://x.example/?a=b"), ParameterOverrides.parse("SiteUrl=https://x.example/?a=b"));
    }

    @Test
    void anEmptyValueIsAValue() {
        assertEquals(Map.of("SenderIdentity", "", "SiteName", ""),
                ParameterOverrides.parse("SenderIdentity= SiteName=\"\""));
    }

    @Test
    void theLastOfARepeatedNameWins() {
        assertEquals(Map.of("SiteName", "second"), ParameterOverrides.parse("SiteName=first SiteName=second"));
    }

    @Test
    void nothingOrBlanksAreNoOverrides() {
        assertEquals(Map.of(), ParameterOverrides.parse(""));
        assertEquals(Map.of(), ParameterOverrides.parse("  \t "));
    }

    @Test
    void aPairWithoutEqualsSignIsRefused() {
        assertEquals("parameter override without '=': SiteName", failure("SiteName"));
        assertEquals("parameter override without '=': extra", failure("SiteName=a extra"));
    }

    @Test
    void aNameThatIsNotAlphanumericIsRefused() {
        assertEquals("not a parameter name: 'Site-Name'", failure("Site-Name=x"));
        assertEquals("not a parameter name: ''", failure("=x"));
        assertEquals("not a parameter name: 'Site Name'", failure("Site Name=x"));
    }

    @Test
    void anUnclosedQuoteIsRefused() {
        assertEquals("unclosed quote in the value of SiteName", failure("SiteName=\"My site"));
        assertEquals("unclosed quote in the value of SiteName", failure("SenderAddress=a@b.c SiteName='My site"));
        assertEquals("unclosed quote in the value of SiteName", failure("SiteName=\"My site'"));
    }
}
