package org.wifionboarding.hub.connect.mews;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.wifionboarding.hub.connect.Option;
import org.wifionboarding.hub.connect.WebhookSource;
import org.wifionboarding.hub.connect.SourceUnavailableException;
import org.wifionboarding.hub.connect.auth.QueryTokenAuthenticator;
import org.wifionboarding.hub.connect.http.RetryAfter;
import org.wifionboarding.hub.mapping.Json;

/**
 * Mews Connector API: authenticates general webhooks by the {@code token} in the registered URL and
 * fetches the reservations they name ({@code reservations/getAll/2023-06-06}) with the people staying:
 * the owners of customer-owned reservations ({@code customers/getAll}) and the companions of company-owned
 * ones ({@code companionships/getAll}, {@code Extent.Customers}), returning {@code {"Reservations",
 * "Customers", "Companionships"}}.
 */
public final class MewsConnector extends WebhookSource {

    public static final Option TOKEN = Option.of("hub.sources.mews.token", "",
            "secret in the webhook URL registered with Mews (`/webhooks/mews?token=...`); unset disables the source");
    public static final Option API_URL = Option.of("hub.sources.mews.api-url", "https://api.mews.com",
            "Mews platform address (the demo is `https://api.mews-demo.com`)");
    public static final Option CLIENT_TOKEN = Option.of("hub.sources.mews.client-token", "", "Mews `ClientToken`");
    public static final Option ACCESS_TOKEN = Option.of("hub.sources.mews.access-token", "", "Mews `AccessToken` of the enterprise");
    public static final Option CLIENT_NAME = Option.of("hub.sources.mews.client-name", "WiFiOnboardingHub/0.1", "Mews `Client` name");
    public static final Option VENUE = Option.of("hub.sources.mews.venue", "",
            "hub venue of this Mews enterprise; unset: the venue id is the webhook's `EnterpriseId` (configure it as `hub.venues.<key>.id`)");
    public static final Option TIMEOUT = Option.of("hub.sources.mews.timeout", "PT10S", "timeout of one Mews API call");
    public static final List<Option> OPTIONS = List.of(TOKEN, API_URL, CLIENT_TOKEN, ACCESS_TOKEN, CLIENT_NAME, VENUE, TIMEOUT);

    static final int PAGE = 100;
    static final Duration MAX_INTERVAL = Duration.ofDays(90);

    private final Settings settings;
    private final HttpClient http;
    private final java.util.concurrent.atomic.AtomicReference<String> enterprise = new java.util.concurrent.atomic.AtomicReference<>();

    /** The Mews options, read once. */
    public record Settings(String token, String apiUrl, String clientToken, String accessToken, String clientName,
                           String venue, Duration timeout) {
    }

    public MewsConnector(Settings settings) {
        super("mews", new QueryTokenAuthenticator("token", settings.token()), settings.venue());
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }




    @Override
    public JsonNode fetch(List<String> reservationIds) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode reservations = result.putArray("Reservations");
        ArrayNode customers = result.putArray("Customers");
        ArrayNode companionships = result.putArray("Companionships");
        Set<String> owners = new LinkedHashSet<>();
        List<String> companyOwned = new ArrayList<>();
        for (List<String> page : pages(reservationIds)) {
            ObjectNode body = request();
            body.set("ReservationIds", Json.MAPPER.valueToTree(page));
            body.putObject("Limitation").put("Count", PAGE);
            for (JsonNode reservation : call("reservations/getAll/2023-06-06", body).path("Reservations")) {
                reservations.add(reservation);
                // AccountId is the owner: a customer, or a company whose guests are the reservation's companions
                if ("Company".equalsIgnoreCase(reservation.path("AccountType").asText("Customer"))) {
                    companyOwned.add(reservation.path("Id").asText());
                } else {
                    String owner = reservation.path("AccountId").asText(reservation.path("CustomerId").asText(""));
                    if (!owner.isEmpty()) {
                        owners.add(owner);
                    }
                }
            }
        }
        for (List<String> page : pages(List.copyOf(owners))) {
            ObjectNode body = request();
            body.set("CustomerIds", Json.MAPPER.valueToTree(page));
            body.putObject("Extent").put("Customers", true);
            body.putObject("Limitation").put("Count", PAGE);
            call("customers/getAll", body).path("Customers").forEach(customers::add);
        }
        for (List<String> page : pages(companyOwned)) {
            ObjectNode body = request();
            body.set("ReservationIds", Json.MAPPER.valueToTree(page));
            body.putObject("Extent").put("Customers", true);
            body.putObject("Limitation").put("Count", PAGE);
            JsonNode answer = call("companionships/getAll", body);
            answer.path("Companionships").forEach(companionships::add);
            answer.path("Customers").forEach(customers::add);
        }
        return result;
    }

    /** The enterprise the access token belongs to ({@code configuration/get}), asked once: reconciliation's notifications name it. */
    private String enterpriseId() {
        String known = enterprise.get();
        if (known == null) {
            known = call("configuration/get", request()).at("/Enterprise/Id").asText(null);
            if (known == null || known.isBlank()) {
                throw new IllegalStateException("Mews configuration/get named no Enterprise.Id");
            }
            enterprise.set(known);
        }
        return known;
    }

    @Override
    public java.util.Optional<Reconciliation> reconciliation() {
        return java.util.Optional.of(new Reconciliation() {
            @Override
            public List<Change> changedBetween(java.time.Instant from, java.time.Instant to) {
                List<Change> changes = new ArrayList<>();
                // UpdatedUtc intervals may span at most 3 months (operations/reservations.md): longer windows are asked in parts
                for (java.time.Instant start = from; start.isBefore(to); start = start.plus(MAX_INTERVAL)) {
                    java.time.Instant end = start.plus(MAX_INTERVAL).isBefore(to) ? start.plus(MAX_INTERVAL) : to;
                    String cursor = null;
                    do {
                        ObjectNode body = request();
                        // Mews writes date-times as YYYY-MM-DDThh:mm:ssZ (guidelines/serialization.md): whole seconds
                        body.putObject("UpdatedUtc").put("StartUtc", start.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                                .put("EndUtc", end.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1).toString());
                        ObjectNode limitation = body.putObject("Limitation").put("Count", PAGE);
                        if (cursor != null) {
                            limitation.put("Cursor", cursor);
                        }
                        JsonNode page = call("reservations/getAll/2023-06-06", body);
                        page.path("Reservations").forEach(r -> changes.add(new Change(r.path("Id").asText(), r.path("UpdatedUtc").asText())));
                        cursor = page.path("Reservations").size() < PAGE ? null : page.path("Cursor").asText(null);
                    } while (cursor != null);
                }
                return changes;
            }

            @Override
            public JsonNode notification(List<String> bookingIds) {
                ObjectNode webhook = Json.MAPPER.createObjectNode().put("EnterpriseId", enterpriseId()).put("IntegrationId", "reconciliation");
                ArrayNode events = webhook.putArray("Events");
                bookingIds.forEach(id -> events.addObject().put("Discriminator", "ServiceOrderUpdated").putObject("Value").put("Id", id));
                return webhook;
            }
        });
    }

    private ObjectNode request() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("ClientToken", settings.clientToken());
        body.put("AccessToken", settings.accessToken());
        body.put("Client", settings.clientName());
        return body;
    }

    private JsonNode call(String operation, ObjectNode body) {
        URI uri = URI.create(settings.apiUrl().replaceAll("/+$", "") + "/api/connector/v1/" + operation);
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new SourceUnavailableException("Mews " + operation + " failed: " + e, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("Mews " + operation + " interrupted", null, e);
        }
        int status = response.statusCode();
        // 408 (ask again, in smaller parts) and 409 (refresh and resubmit) are recoverable (guidelines/responses.md); a 429 may come
        // without Retry-After, and then the broker's exponential back-off paces the retries
        if (status == 429 || status == 408 || status == 409 || status >= 500) {
            Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), java.time.Clock.systemUTC());
            throw new SourceUnavailableException("Mews " + operation + " answered " + status, retryAfter, null);
        }
        if (status != 200) {
            // 400/401/403: a configuration problem; the broker retries and then keeps the event in its dead-letter queue
            throw new IllegalStateException("Mews " + operation + " refused the request with HTTP " + status);
        }
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Mews " + operation + " answered with something that is not JSON", e);
        }
    }

    private static List<List<String>> pages(List<String> ids) {
        List<List<String>> pages = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += PAGE) {
            pages.add(ids.subList(i, Math.min(ids.size(), i + PAGE)));
        }
        return pages;
    }
}
