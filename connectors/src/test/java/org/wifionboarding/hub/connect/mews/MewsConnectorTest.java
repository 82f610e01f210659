package org.wifionboarding.hub.connect.mews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import org.wifionboarding.hub.connect.http.RetryAfter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.connect.SourceUnavailableException;
import org.wifionboarding.hub.connect.auth.WebhookRequest;

class MewsConnectorTest {

    private MewsStub stub;
    private MewsConnector mews;

    @BeforeEach
    void start() throws Exception {
        stub = new MewsStub()
                .reservation("r-1", "Confirmed", "c-1", "2026-11-02T08:00:00Z", "2026-12-20T14:00:00Z", "2026-12-23T10:00:00Z")
                .customer("c-1", "Élise", "Moreau", "elise@example.fr", "+33612345678", "fr-FR");
        mews = new MewsConnector(new MewsConnector.Settings("url-secret", stub.url(), "client-token", "access-token",
                "Hub/Test", null, Duration.ofMillis(500)));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void fetches_each_reservation_and_its_owner_with_the_documented_requests() {
        JsonNode fetched = mews.fetch(List.of("r-1"));

        assertThat(fetched.at("/Reservations/0/Id").asText()).isEqualTo("r-1");
        assertThat(fetched.at("/Customers/0/Id").asText()).isEqualTo("c-1");
        List<MewsStub.Request> requests = stub.requests();
        assertThat(requests).extracting(MewsStub.Request::path)
                .containsExactly("/api/connector/v1/reservations/getAll/2023-06-06", "/api/connector/v1/customers/getAll");
        JsonNode first = requests.get(0).body();
        assertThat(first.path("ClientToken").asText()).isEqualTo("client-token");
        assertThat(first.path("AccessToken").asText()).isEqualTo("access-token");
        assertThat(first.path("Client").asText()).isEqualTo("Hub/Test");
        assertThat(first.path("ReservationIds").toString()).isEqualTo("[\"r-1\"]");
        assertThat(first.at("/Limitation/Count").asInt()).isPositive();
        assertThat(requests.get(1).body().path("CustomerIds").toString()).isEqualTo("[\"c-1\"]");
        assertThat(requests.get(1).body().at("/Extent/Customers").asBoolean()).isTrue();
    }

    @Test
    void a_429_is_retryable_and_carries_the_retry_after() {
        stub.failNext(new MewsStub.Failure(429, "7", 0));
        assertThatThrownBy(() -> mews.fetch(List.of("r-1")))
                .isInstanceOfSatisfying(SourceUnavailableException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void a_5xx_is_retryable() {
        stub.failNext(new MewsStub.Failure(503, null, 0));
        assertThatThrownBy(() -> mews.fetch(List.of("r-1"))).isInstanceOf(SourceUnavailableException.class);
    }

    @Test
    void a_slow_answer_times_out_as_retryable() {
        stub.failNext(new MewsStub.Failure(200, null, 2000));
        assertThatThrownBy(() -> mews.fetch(List.of("r-1"))).isInstanceOf(SourceUnavailableException.class);
    }

    @Test
    void bad_tokens_are_not_mistaken_for_an_outage() {
        MewsConnector wrong = new MewsConnector(new MewsConnector.Settings("s", stub.url(), "", "", "x", null, Duration.ofSeconds(1)));
        assertThatThrownBy(() -> wrong.fetch(List.of("r-1"))).isInstanceOf(IllegalStateException.class).hasMessageContaining("401");
    }

    @Test
    void authenticates_by_the_token_in_the_registered_url() {
        assertThat(mews.authenticator().authenticate(new WebhookRequest(Map.of(), Map.of("token", "url-secret")))).isTrue();
        assertThat(mews.authenticator().authenticate(new WebhookRequest(Map.of(), Map.of("token", "url-secreT")))).isFalse();
        assertThat(mews.authenticator().authenticate(new WebhookRequest(Map.of(), Map.of()))).isFalse();
    }

    @Test
    void reads_retry_after_as_seconds_or_an_http_date() {
        assertThat(RetryAfter.parse("120", Clock.systemUTC())).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", Clock.systemUTC())).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", Clock.systemUTC())).isNull();
    }

    @Test
    void a_company_owned_reservation_is_fetched_with_its_companions_not_as_a_customer() {
        stub.reservation("r-co", "Confirmed", "company-1", "Company", "2026-11-02T08:00:00Z", "2026-12-20T14:00:00Z", "2026-12-23T10:00:00Z")
                .customer("c-2", "Hana", "Novak", "hana@example.com", "+420601234567", "cs-CZ").companion("r-co", "c-2");

        JsonNode fetched = mews.fetch(List.of("r-co"));

        assertThat(fetched.at("/Companionships/0/CustomerId").asText()).isEqualTo("c-2");
        assertThat(fetched.at("/Customers/0/Id").asText()).isEqualTo("c-2");
        assertThat(stub.requests()).extracting(MewsStub.Request::path)
                .containsExactly("/api/connector/v1/reservations/getAll/2023-06-06", "/api/connector/v1/companionships/getAll");
        JsonNode companionships = stub.requests().get(1).body();
        assertThat(companionships.path("ReservationIds").toString()).isEqualTo("[\"r-co\"]");
        assertThat(companionships.at("/Extent/Customers").asBoolean()).isTrue();
    }

    @Test
    void a_408_or_409_is_retryable_as_mews_documents() {
        stub.failNext(new MewsStub.Failure(408, null, 0));
        assertThatThrownBy(() -> mews.fetch(List.of("r-1"))).isInstanceOf(SourceUnavailableException.class);
        stub.failNext(new MewsStub.Failure(409, null, 0));
        assertThatThrownBy(() -> mews.fetch(List.of("r-1"))).isInstanceOf(SourceUnavailableException.class);
    }

    @Test
    void reconciliation_asks_whole_second_windows_of_at_most_three_months_and_names_the_tokens_enterprise() {
        java.time.Instant to = java.time.Instant.parse("2026-11-30T10:00:00.123456Z");
        List<org.wifionboarding.hub.connect.SourceConnector.Change> changes = mews.reconciliation().orElseThrow()
                .changedBetween(to.minus(Duration.ofDays(200)), to);

        assertThat(changes).extracting(org.wifionboarding.hub.connect.SourceConnector.Change::bookingId).containsExactly("r-1");
        List<MewsStub.Request> windows = stub.requests();
        assertThat(windows).hasSize(3).allSatisfy(r -> {
            assertThat(r.body().at("/UpdatedUtc/StartUtc").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
            assertThat(r.body().at("/UpdatedUtc/EndUtc").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        });
        JsonNode notification = mews.reconciliation().orElseThrow().notification(List.of("r-1"));
        assertThat(notification.path("EnterpriseId").asText()).isEqualTo(MewsStub.ENTERPRISE);
    }
}
