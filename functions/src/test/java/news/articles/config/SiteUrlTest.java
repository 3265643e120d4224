package news.articles.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SiteUrlTest {

    @ParameterizedTest
    @CsvSource({
        "https://news.example.com,            https://news.example.com",
        "https://news.example.com/,           https://news.example.com",
        "https://news.example.com///,         https://news.example.com",
        "http://localhost:3000/,              http://localhost:3000",
        "http://127.0.0.1:3000,               http://127.0.0.1:3000",
        "http://[::1]:3000,                   http://[::1]:3000",
        "https://example.com/news/,           https://example.com/news",
    })
    void stripsTrailingSlashes(String configured, String base) {
        SiteUrl site = new SiteUrl(configured);

        assertEquals(base, site.base());
        assertEquals(base + "/articles/heat-pumps", site.resolve("/articles/heat-pumps"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "news.example.com", "//news.example.com", "ftp://news.example.com",
        "javascript:alert(1)", "mailto:editor@example.com", "https://", "https:///path", "https://exa mple.com",
        "file:///etc/passwd", "http://news.example.com", "http://192.0.2.10:3000", "http://localhost.example.com"})
    void refusesAnythingButAnAbsoluteHttpUrl(String configured) {
        assertThrows(ConfigurationException.class, () -> new SiteUrl(configured));
    }
    @ParameterizedTest
    @ValueSource(strings = {"https://news.example.com?ref=x", "https://news.example.com/#top",
        "https://editor:secret@news.example.com"})
    void refusesABaseThatCannotTakeAPath(String configured) {
        assertThrows(ConfigurationException.class, () -> new SiteUrl(configured));
    }
}
