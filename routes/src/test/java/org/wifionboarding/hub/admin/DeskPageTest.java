package org.wifionboarding.hub.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wifionboarding.hub.GuestEvents.generic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wifionboarding.hub.GuestEvents;
import org.wifionboarding.hub.RunningHub;

/**
 * The front-desk page in a real browser (Debian's headless Chromium, driven through its chromedriver): signed in with the
 * desk token, a booking the hub could not deliver is found by its room and shown flagged, a credential is issued by hand
 * and its card rendered (with the join QR code for a PSK venue), and the page speaks French. Screenshots are kept in
 * {@code target/desk-screenshots}.
 */
class DeskPageTest {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final String DESK_TOKEN = "desk-test-token-0123456789";
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final Path SHOTS = Path.of("target", "desk-screenshots");

    @TempDir
    static Path dataDir;
    static RunningHub hub;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "Debian's chromium and chromium-driver (.ci/run installs them)");
        hub = RunningHub.start(dataDir, Map.of("hub.desk.token", DESK_TOKEN, "hub.venues.hotel-paris.timezone", "Europe/Paris",
                "hub.venues.hotel-paris.name", "Hôtel de Paris", "hub.venues.stadium.timezone", "Europe/Paris",
                "hub.venues.stadium.credential", "psk", "hub.venues.stadium.ssid", "Stade-Guest"));
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1400", "--lang=en-GB");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-GB"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (hub != null) {
            hub.close();
        }
    }

    private static WebElement visible(String id) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            WebElement element = d.findElement(By.id(id));
            return element.isDisplayed() ? element : null;
        });
    }

    private static void set(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id(id)), value);
    }

    private static void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name), ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static void signIn(String lang) {
        browser.get(hub.uri("/desk?lang=" + lang).toString());
        if (!browser.findElement(By.id("desk")).isDisplayed()) {
            visible("token").sendKeys(DESK_TOKEN);
            browser.findElement(By.id("sign-in")).click();
        }
        visible("desk");
    }

    @Test
    void a_flagged_booking_is_found_by_room_and_a_credential_is_issued_with_its_card() throws Exception {
        LocalDate arrival = LocalDate.now(PARIS).plusDays(1);
        // a guest with a phone only, at a venue that sends email only: no channel reaches them, the front desk is flagged
        String event = generic("desk-1", "confirmed", "2026-11-01T10:00:00Z", "hotel-paris", "B-DESK-1", arrival.toString(),
                arrival.plusDays(2).toString()).replace("\"room\": \"204\"", "\"room\": \"301\"")
                .replace("\"email\": \"" + GuestEvents.EMAIL + "\", ", "");
        assertThat(hub.postGeneric(event).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.getAdmin("/api/bookings/generic/B-DESK-1").body().contains("\"frontDesk\":true"));

        signIn("en");
        new Select(browser.findElement(By.id("venue"))).selectByValue("hotel-paris");
        set("room", "301");
        browser.findElement(By.id("search")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector("#results a")).isEmpty());
        browser.findElement(By.cssSelector("#results a")).click();
        assertThat(visible("b-flag").getText()).contains("Needs the front desk");
        assertThat(browser.findElement(By.id("b-ref")).getText()).contains("B-DESK-1").contains("301");
        // in the venue's zone (check-in 15:00 in Paris), whatever the browser's own zone
        assertThat(browser.findElement(By.id("b-window")).getText()).contains("03:00 PM").containsPattern("GMT\\+1|CET");
        shot("flagged-booking.png");

        new Select(browser.findElement(By.id("i-venue"))).selectByValue("hotel-paris");
        set("i-arrival", LocalDate.now(PARIS).toString());
        set("i-departure", LocalDate.now(PARIS).plusDays(2).toString());
        set("i-room", "301");
        browser.findElement(By.id("issue")).click();
        visible("card");
        assertThat(browser.findElement(By.id("c-passphrase")).getText()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(browser.findElement(By.id("c-username")).getText()).startsWith("guest-");
        shot("issued-card.png");

        new Select(browser.findElement(By.id("i-venue"))).selectByValue("stadium");
        browser.findElement(By.id("issue")).click();
        WebElement qr = visible("c-qr");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d ->
                ((Number) ((JavascriptExecutor) d).executeScript("return arguments[0].naturalWidth", qr)).intValue() > 0);
        assertThat(browser.findElement(By.id("c-ssid")).getText()).isEqualTo("Stade-Guest");
        shot("issued-psk-card.png");
        assertThat(hub.getAdmin("/api/audit").body()).contains("\"actor\":\"desk\",\"action\":\"issue-credential\"");
    }

    @Test
    void the_page_speaks_french_and_the_desk_token_opens_nothing_else() throws Exception {
        signIn("fr");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Accueil WiFi");
        assertThat(browser.findElement(By.id("issue")).getText()).isEqualTo("Créer");
        shot("desk-fr.png");

        assertThat(hub.admin("GET", "/api/review", DESK_TOKEN).statusCode()).isEqualTo(401);
        assertThat(hub.admin("GET", "/api/dead-letters", DESK_TOKEN).statusCode()).isEqualTo(401);
        assertThat(hub.admin("GET", "/desk/api/venues", "wrong").statusCode()).isEqualTo(401);
        assertThat(hub.admin("GET", "/desk/api/venues", null).statusCode()).isEqualTo(401);
        assertThat(hub.admin("GET", "/desk/api/venues", DESK_TOKEN).statusCode()).isEqualTo(200);
        assertThat(hub.get("/desk/assets/../admin-token").statusCode()).isEqualTo(404);
        assertThat(hub.get("/desk/assets/index.html").statusCode()).as("only the page's own script and style sheet").isEqualTo(404);
        assertThat(hub.get("/desk/assets/desk.js").statusCode()).isEqualTo(200);
    }
}
