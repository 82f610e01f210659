package org.example.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.GuestEvents;
import org.wifionboarding.hub.RunningHub;

/**
 * The survey receiver with a real hub as its sender: a guest checks out, the hub's signed {@code booking.checked_out}
 * reaches the receiver, and the survey email goes out through the same SMTP server as the hub's own mail, once.
 */
class PostStaySurveyTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @TempDir
    static Path hubData;
    @TempDir
    static Path surveyData;
    static RunningHub hub;
    static Main survey;
    static int surveyPort;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        surveyPort = RunningHub.freePort();
        survey = SurveyApplication.main();
        Map.of("camel.server.port", String.valueOf(surveyPort), "survey.secret", secret, "survey.delay", "PT0S", "survey.poll-ms", "200",
                "survey.data-dir", surveyData.toString(), "hub.smtp.host", "127.0.0.1", "hub.smtp.port", String.valueOf(smtp.getSmtp().getPort()),
                "hub.smtp.from", "wifi@hotel-paris.example").forEach(survey::addOverrideProperty);
        survey.start();
        hub = RunningHub.start(hubData, Map.of("hub.smtp.host", "127.0.0.1", "hub.smtp.port", String.valueOf(smtp.getSmtp().getPort()),
                "hub.venues.hotel-paris.timezone", "Europe/Paris",
                "hub.subscribers.survey.url", "http://127.0.0.1:" + surveyPort + "/hooks",
                "hub.subscribers.survey.secret", secret,
                "hub.subscribers.survey.events", "booking.checked_out",
                "hub.subscribers.survey.personal-data", "true"));
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
        survey.stop();
    }

    private static MimeMessage[] surveys() {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return "How was your stay?".equals(m.getSubject());
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(MimeMessage[]::new);
    }

    @Test
    void a_guest_who_checked_out_gets_one_survey_and_an_unsigned_request_gets_nothing() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        for (String[] e : new String[][] {{"ev-1", "confirmed", "2026-01-01T10:00:00Z"}, {"ev-2", "checked_out", "2026-01-01T11:00:00Z"}}) {
            var response = hub.postGeneric(GuestEvents.generic(e[0], e[1], e[2], "hotel-paris", "S1", today.toString(), today.plusDays(1).toString()));
            assertThat(response.statusCode()).as(response.body()).isIn(200, 202);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> surveys().length == 1);
        MimeMessage mail = surveys()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(GuestEvents.EMAIL);
        assertThat(mail.getContent().toString()).contains("https://survey.example/wifi").contains(GuestEvents.NAME);
        Surveys store = survey.getCamelContext().getRegistry().lookupByNameAndType("surveys", Surveys.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.count(true) == 1);

        // a request the hub did not sign: 401, nothing kept
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + surveyPort + "/hooks"))
                .header("Content-Type", "application/json").header("webhook-id", "msg_forged")
                .header("webhook-timestamp", String.valueOf(System.currentTimeMillis() / 1000)).header("webhook-signature", "v1,AAAA")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"booking.checked_out\",\"timestamp\":\"2026-01-01T11:00:00Z\","
                        + "\"data\":{\"guest\":{\"email\":\"mallory@example.org\"}}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(store.count(false) + store.count(true)).isEqualTo(1);
        assertThat(surveys()).hasSize(1);
    }
}
