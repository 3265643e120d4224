package news.articles.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import news.articles.tools.ProjectRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The reference page (site/) in headless Chromium against bin/local's command: the article with its
 * recommendations and next up, the newsletter form with and without JavaScript (202, 400, 429), the
 * confirmation link from the outbox, a reload revalidating to 304, no console error, and an axe-core
 * scan without a serious or critical violation. The system's Chromium and chromedriver only (found
 * through CHROME_PATH / CHROMEDRIVER_PATH or the PATH); without them the class is skipped, saying so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SiteBrowserTest {

    /** Low enough that the 429 scenario reaches it after the sign-ups before it. */
    private static final int SIGN_UPS_PER_HOUR = 4;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path AXE_DIR = ProjectRoot.require().resolve("bin/lib/axe-core");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path chrome;
    private Path chromedriver;
    private StackProcess stack;
    private WebDriver browser;
    private URI site;
    private String api;

    @BeforeAll
    void startTheStackAndTheBrowser() throws Exception {
        Optional<Path> foundChrome = executable("CHROME_PATH", "chromium", "chromium-browser", "google-chrome");
        Optional<Path> foundDriver = executable("CHROMEDRIVER_PATH", "chromedriver");
        if (foundChrome.isEmpty() || foundDriver.isEmpty()) {
            String line = "SiteBrowserTest skipped: no " + (foundChrome.isEmpty() ? "Chromium" : "chromedriver")
                    + " (CHROME_PATH / CHROMEDRIVER_PATH or chromium and chromedriver on the PATH; Debian: apt-get install chromium chromium-driver)";
            System.err.println(line);
            Assumptions.abort(line);
        }
        chrome = foundChrome.get();
        chromedriver = foundDriver.get();
        stack = StackProcess.start("--parameter-overrides", "SignUpsPerIpPerHour=" + SIGN_UPS_PER_HOUR);
        site = URI.create(stack.banner().get("site"));
        api = stack.api().toString();
        browser = chromium(true);
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void thePageRendersTheArticleItsRecommendationsAndNextUp() throws Exception {
        JsonNode latest = apiJson("/articles?limit=1").path("articles").get(0);
        String slug = latest.path("slug").asText();
        JsonNode article = apiJson("/articles/" + slug);
        JsonNode recommendations = apiJson("/articles/" + slug + "/recommendations");

        browser.get(site.toString());
        waitForText(By.id("article-title"), article.path("title").asText());
        WebElement header = browser.findElement(By.cssSelector("#article .article-header"));
        assertTrue(header.getText().contains(article.path("author").asText()), header::getText);
        assertTrue(header.getText().contains(article.path("readingTimeMinutes").asInt() + " min read"), header::getText);
        assertEquals(article.path("publishedAt").asText(),
                header.findElement(By.tagName("time")).getAttribute("datetime"));
        assertFalse(browser.findElements(By.cssSelector("#article .article-body p")).isEmpty(), "the body's paragraphs");

        waitUntilShown("recommended");
        List<WebElement> recommended = browser.findElements(By.cssSelector("#recommended-list li"));
        assertEquals(recommendations.path("recommended").size(), recommended.size());
        for (int i = 0; i < recommended.size(); i++) {
            JsonNode expected = recommendations.path("recommended").get(i);
            WebElement item = recommended.get(i);
            assertEquals(expected.path("title").asText(), item.findElement(By.tagName("a")).getText());
            String reason = item.findElement(By.className("reason")).getText();
            assertReasonInWords(expected.path("reason"), reason);
        }
        waitUntilShown("next-up");
        JsonNode nextUp = recommendations.path("nextUp");
        assertEquals(nextUp.path("title").asText(), browser.findElement(By.cssSelector("#next-up h3 a")).getText());
        assertFalse(browser.findElement(By.cssSelector("#next-up .reason")).getText().contains("_"),
                "next up's rule in words");
        waitUntilShown("more-in-section");
        for (WebElement more : browser.findElements(By.cssSelector("#more-list h3 a"))) {
            assertFalse(more.getText().equals(article.path("title").asText()), "more in this section leaves the article out");
        }

        Path shot = ProjectRoot.require().resolve("local-stack/target/site-article.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        // On a phone's width: one column, nothing wider than the screen.
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            Object overflow = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertEquals(0L, ((Number) overflow).longValue(), "no horizontal scrolling at 390 px");
            assertTrue(browser.findElement(By.id("recommended")).getRect().getY()
                    > browser.findElement(By.id("article")).getRect().getY(), "the rail below the article");
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1600));
        }

        // Following a recommendation opens that article.
        String followed = recommended.get(0).findElement(By.tagName("a")).getText();
        recommended.get(0).findElement(By.tagName("a")).click();
        waitForText(By.id("article-title"), followed);
        assertNoConsoleErrors();
    }

    @Test
    @Order(2)
    void aReloadRevalidatesWithIfNoneMatchAndGetsA304() throws Exception {
        JsonNode latest = apiJson("/articles?limit=1").path("articles").get(0);
        String path = "/articles/" + latest.path("slug").asText();
        browser.get(site + "?slug=" + latest.path("slug").asText());
        waitForText(By.id("article-title"), latest.path("title").asText());
        int before = stack.outputAfterBanner().size();

        browser.navigate().refresh();
        waitForText(By.id("article-title"), latest.path("title").asText());
        // The access log shows what reached the API: the browser sent the ETag it kept and got no body back.
        Pattern revalidated = Pattern.compile(" GET " + Pattern.quote(path) + " 304 ");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (stack.outputAfterBanner().subList(before, stack.outputAfterBanner().size()).stream()
                .noneMatch(line -> revalidated.matcher(line).find())) {
            assertTrue(System.nanoTime() < deadline, () -> "no 304 for " + path + " after the reload:\n"
                    + String.join("\n", stack.outputAfterBanner().subList(before, stack.outputAfterBanner().size())));
            Thread.sleep(100);
        }
        assertNoConsoleErrors();
    }

    @Test
    @Order(3)
    void anAxeScanFindsNoSeriousOrCriticalViolation() throws Exception {
        String axe = axeSource();
        browser.get(site.toString());
        waitUntilShown("recommended");
        assertNoSeriousViolations("the article page", axe);

        browser.get(site.resolve("section.html?section=" + apiJson("/articles?limit=1").path("articles").get(0)
                .path("section").asText()).toString());
        new WebDriverWait(browser, WAIT).until(d -> !d.findElements(By.cssSelector("#section-list li")).isEmpty());
        assertNoSeriousViolations("the section page", axe);
    }

    @Test
    @Order(4)
    void theSectionPageLoadsMoreThroughTheCursor() {
        browser.get(site.resolve("section.html").toString());
        new WebDriverWait(browser, WAIT).until(d -> d.findElements(By.cssSelector("#section-list li")).size() == 5);
        browser.findElement(By.id("load-more")).click();
        new WebDriverWait(browser, WAIT).until(d -> d.findElements(By.cssSelector("#section-list li")).size() == 10);
        List<String> titles = browser.findElements(By.cssSelector("#section-list h3 a")).stream().map(WebElement::getText).toList();
        assertEquals(titles.size(), titles.stream().distinct().count(), "no article twice: " + titles);
        assertEquals(titles.get(5), browser.switchTo().activeElement().getText(), "focus moves to the first new article");
        assertNoConsoleErrors();
    }

    @Test
    @Order(5)
    void withJavaScriptTheFormShowsTheApisMessageFor202And400() {
        browser.get(site.toString());
        waitUntilShown("recommended");
        WebElement result = submit("reader.js@example.com");
        new WebDriverWait(browser, WAIT).until(d -> result.getAttribute("class").contains("ok"));
        assertTrue(result.getText().startsWith("Thanks!"), result::getText);
        assertEquals("polite", result.getAttribute("aria-live"));

        WebElement refused = submit("not-an-address");
        new WebDriverWait(browser, WAIT).until(d -> refused.getAttribute("class").contains("error"));
        assertTrue(refused.getText().contains("valid email address"), refused::getText);
        assertEquals("true", browser.findElement(By.id("email")).getAttribute("aria-invalid"));
        assertEquals("email", browser.switchTo().activeElement().getAttribute("id"), "focus back on the field");
        assertNoConsoleErrors(400);
    }

    @Test
    @Order(6)
    void withoutJavaScriptTheFormPostsAndTheOutboxLinkConfirms() throws Exception {
        String address = "reader.nojs@example.com";
        WebDriver plain = chromium(false);
        try {
            plain.get(site.toString());
            plain.findElement(By.id("email")).sendKeys(address);
            plain.findElement(By.cssSelector("#subscribe-form button[type=submit]")).click();
            new WebDriverWait(plain, WAIT).until(ExpectedConditions.urlToBe(api + "/subscriptions"));
            assertEquals("Check your inbox", plain.findElement(By.tagName("h1")).getText());
        } finally {
            plain.quit();
        }

        String link = confirmationLink(address);
        browser.get(link);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).withMessage(() -> "the confirmation's answer: " + browser.getCurrentUrl() + "\n"
                + browser.getPageSource()).until(d -> d.getPageSource().contains("You are subscribed"));
    }

    @Test
    @Order(7)
    void pastTheSignUpLimitTheFormShowsWhenToRetry() {
        browser.get(site.toString());
        waitUntilShown("recommended");
        String shown = "";
        for (int i = 0; i <= SIGN_UPS_PER_HOUR && !shown.contains("Too many"); i++) {
            WebElement result = submit("reader.limit" + i + "@example.com");
            new WebDriverWait(browser, WAIT).until(d -> !result.getText().equals("Sending…") && !result.getText().isEmpty());
            shown = result.getText();
        }
        assertTrue(shown.startsWith("Too many sign-ups from here just now. Please try again in"), shown);
        assertTrue(shown.matches(".*in (about )?\\d+ (seconds|minutes)\\.$"), "Retry-After in words: " + shown);
        assertNoConsoleErrors(429);
    }

    @Test
    @Order(8)
    void theArchiveListsTheEditionsSent() throws Exception {
        browser.get(site.resolve("newsletter.html").toString());
        new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("edition-empty")).isDisplayed());

        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create(api + "/_local/invoke/NewsletterFunction?time="
                + "2026-11-20T09:00:00Z")).POST(HttpRequest.BodyPublishers.noBody()).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, sent.statusCode(), sent::body);
        JsonNode editions = JSON.readTree(get(api + "/newsletter", "application/json")).path("editions");
        assertEquals(1, editions.size(), editions::toString);
        JsonNode edition = editions.get(0);

        browser.navigate().refresh();
        new WebDriverWait(browser, WAIT).until(d -> d.findElements(By.cssSelector("#edition-list li")).size() == 1);
        WebElement link = browser.findElement(By.cssSelector("#edition-list li a"));
        assertEquals(edition.path("title").asText(), link.getText());
        assertEquals(edition.path("url").asText(), link.getAttribute("href"));
        assertFalse(browser.findElement(By.id("older-editions")).isDisplayed(), "one page only");
        assertNoConsoleErrors();
    }

    private WebElement submit(String address) {
        WebElement email = browser.findElement(By.id("email"));
        email.clear();
        email.sendKeys(address);
        WebElement result = browser.findElement(By.id("subscribe-result"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].textContent = ''", result);
        browser.findElement(By.cssSelector("#subscribe-form button[type=submit]")).click();
        return result;
    }

    private String confirmationLink(String address) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode emails = JSON.readTree(get(stack.banner().get("outbox") + ".json"));
            for (JsonNode email : emails.path("emails")) {
                if (email.path("to").toString().contains(address)) {
                    Matcher link = Pattern.compile("href=\"(http[^\"]+/subscriptions/confirm\\?token=[^\"]+)\"")
                            .matcher(email.path("body").asText());
                    assertTrue(link.find(), "a confirmation link in the email");
                    return link.group(1).replace("&amp;", "&");
                }
            }
            assertTrue(System.nanoTime() < deadline, "no email to the subscriber in the outbox");
            Thread.sleep(200);
        }
    }

    private static void assertReasonInWords(JsonNode reason, String shown) {
        switch (reason.path("kind").asText()) {
            case "SHARED_TAGS" -> {
                assertTrue(shown.startsWith("Also about "), shown);
                reason.path("sharedTags").forEach(tag -> assertTrue(shown.contains(tag.asText().replace('-', ' ')), shown));
            }
            case "SHARED_KEYWORDS" -> {
                assertTrue(shown.startsWith("Also mentions "), shown);
                reason.path("sharedKeywords").forEach(topic -> assertTrue(shown.contains(topic.asText().replace('-', ' ')), shown));
            }
            case "SAME_SECTION" -> assertTrue(shown.startsWith("More from "), shown);
            default -> assertEquals("Latest on the site", shown);
        }
    }

    private void assertNoSeriousViolations(String page, String axe) throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axe);
        Object answer = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(JSON.stringify(r.violations)), e => done('error: ' + e));");
        String text = String.valueOf(answer);
        assertFalse(text.startsWith("error: "), text);
        List<String> serious = new ArrayList<>();
        for (JsonNode violation : JSON.readTree(text)) {
            String impact = violation.path("impact").asText();
            if (impact.equals("serious") || impact.equals("critical")) {
                serious.add(impact + " " + violation.path("id").asText() + ": " + violation.path("help").asText()
                        + " at " + violation.path("nodes").findValuesAsText("html"));
            }
        }
        assertTrue(serious.isEmpty(), () -> page + ": " + String.join("\n", serious));
    }

    /** axe-core 4.14.1, pinned in bin/lib/axe-core and installed there with npm ci on first use. */
    private String axeSource() throws Exception {
        Path script = AXE_DIR.resolve("node_modules/axe-core/axe.min.js");
        if (!Files.isRegularFile(script)) {
            Optional<Path> npm = executable("NPM_PATH", "npm");
            if (npm.isEmpty()) {
                String line = "SiteBrowserTest's axe-core scan skipped: npm is not on the PATH to install bin/lib/axe-core";
                System.err.println(line);
                Assumptions.abort(line);
            }
            Process install = new ProcessBuilder(npm.get().toString(), "ci", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(AXE_DIR.toFile()).redirectErrorStream(true).start();
            String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, install.waitFor(), () -> "npm ci in bin/lib/axe-core:\n" + output);
        }
        return Files.readString(script);
    }

    /**
     * No console error since the last look, but Chromium's own line for each answer the scenario asked
     * for (a 400 or 429 of {@code POST /subscriptions}, which the page shows as it should).
     */
    private void assertNoConsoleErrors(int... expectedStatuses) {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> java.util.Arrays.stream(expectedStatuses).noneMatch(status -> message.equals(
                        api + "/subscriptions - Failed to load resource: the server responded with a status of " + status
                                + (status == 400 ? " (Bad Request)" : " ()"))))
                .toList();
        assertTrue(errors.isEmpty(), () -> "console errors:\n" + String.join("\n", errors));
    }

    private void waitForText(By locator, String text) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(locator, text));
    }

    private void waitUntilShown(String id) {
        new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id(id)).isDisplayed());
    }

    private JsonNode apiJson(String path) throws Exception {
        JsonNode body = JSON.readTree(get(api + path));
        assertNotNull(body);
        return body;
    }

    private String get(String url) throws Exception {
        return get(url, "*/*");
    }

    private String get(String url, String accept) throws Exception {
        HttpResponse<String> response = ApiAnswers.checked(http.send(HttpRequest.newBuilder(URI.create(url))
                .header("accept", accept).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString()));
        assertEquals(200, response.statusCode(), response::body);
        return response.body();
    }

    /** Headless Chromium through the system's chromedriver, given explicitly: Selenium Manager never runs. */
    private WebDriver chromium(boolean javaScript) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chrome.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1600", "--no-first-run", "--disable-extensions");
        if (!javaScript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** The file an environment variable names, else the first of these names on the PATH. */
    private static Optional<Path> executable(String variable, String... names) {
        String named = System.getenv(variable);
        if (named != null && !named.isBlank()) {
            Path path = Path.of(named);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String searchPath = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(names)
                .flatMap(name -> Stream.of(searchPath.split(java.io.File.pathSeparator))
                        .filter(dir -> !dir.isEmpty())
                        .map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
