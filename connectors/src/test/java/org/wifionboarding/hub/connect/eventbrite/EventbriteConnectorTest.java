package org.wifionboarding.hub.connect.eventbrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wifionboarding.hub.connect.SourceConnector;
import org.wifionboarding.hub.connect.SourceUnavailableException;
import org.wifionboarding.hub.connect.stub.HttpStub;
import org.wifionboarding.hub.mapping.Json;
import org.wifionboarding.hub.model.InvalidBookingException;

class EventbriteConnectorTest {

    private static SourceConnector connector(String apiUrl) {
        Map<String, String> values = Map.of("hub.sources.eventbrite.token", "eb-secret", "hub.sources.eventbrite.api-url", apiUrl,
                "hub.sources.eventbrite.private-token", "eb-private", "hub.sources.eventbrite.timeout", "PT2S");
        return new EventbriteConnectorFactory().create(o -> values.getOrDefault(o.key(), o.defaultValue()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://169.254.169.254/latest/meta-data/",
            "https://www.eventbriteapi.com.attacker.example/v3/orders/1/",
            "http://www.eventbriteapi.com/v3/orders/1/",
            "https://www.eventbriteapi.com:8443/v3/orders/1/",
            "https://user@www.eventbriteapi.com/v3/orders/1/",
            "https://www.eventbriteapi.com/v2/orders/1/",
            "https://www.eventbriteapi.com/v3/../internal/",
            "file:///etc/passwd",
            "not a url"})
    void an_api_url_that_is_not_the_eventbrite_api_is_refused_before_anything_is_fetched(String apiUrl) throws Exception {
        SourceConnector eventbrite = connector("https://www.eventbriteapi.com");
        assertThatThrownBy(() -> eventbrite.validate(Json.MAPPER.readTree("{\"api_url\": " + Json.MAPPER.writeValueAsString(apiUrl) + "}")))
                .isInstanceOfSatisfying(InvalidBookingException.class, e -> assertThat(e.field()).isEqualTo("api_url"));
        assertThatThrownBy(() -> eventbrite.fetch(List.of(apiUrl))).isInstanceOf(InvalidBookingException.class);
    }

    @Test
    void the_order_is_fetched_with_attendees_and_event_using_the_private_token() throws Exception {
        try (HttpStub api = new HttpStub()) {
            api.on("GET", "/v3/orders/([0-9]+)/", (r, m) -> "Bearer eb-private".equals(r.header("Authorization"))
                    ? HttpStub.Reply.json(200, Map.of("id", m.group(1), "attendees", List.of()))
                    : HttpStub.Reply.json(401, Map.of("status_code", 401, "error", "INVALID_AUTH", "error_description", "The OAuth token you provided was invalid.")));
            SourceConnector eventbrite = connector(api.url());
            eventbrite.validate(Json.MAPPER.readTree("{\"api_url\": \"" + api.url() + "/v3/orders/4180112233/\"}"));
            assertThat(eventbrite.fetch(List.of(api.url() + "/v3/orders/4180112233/")).path("id").asText()).isEqualTo("4180112233");
            HttpStub.Request request = api.requests().get(0);
            assertThat(request.query()).isEqualTo("expand=attendees,event");

            api.failNext("GET", 429, "20", "{\"status_code\": 429, \"error\": \"HIT_RATE_LIMIT\"}", 0);
            assertThatThrownBy(() -> eventbrite.fetch(List.of(api.url() + "/v3/orders/1/")))
                    .isInstanceOfSatisfying(SourceUnavailableException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(20)));
            SourceConnector wrongToken = new EventbriteConnectorFactory().create(o -> Map.of("hub.sources.eventbrite.token", "x",
                    "hub.sources.eventbrite.api-url", api.url(), "hub.sources.eventbrite.private-token", "stale").getOrDefault(o.key(), o.defaultValue()));
            assertThatThrownBy(() -> wrongToken.fetch(List.of(api.url() + "/v3/orders/1/")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("INVALID_AUTH");
        }
    }
}
