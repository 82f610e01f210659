package org.wifionboarding.hub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.wifionboarding.hub.model.BookingEvent;
import org.wifionboarding.hub.model.InvalidBookingException;
import org.wifionboarding.hub.window.StayWindow;
import org.wifionboarding.hub.window.VenueTimes;

/**
 * Runs every fixture pair: {@code fixtures/<source>/<case>.json} (plus {@code <case>.enrichment.json}
 * for thin sources and {@code <case>.venue.json} for the venue's clock) must map to
 * {@code <case>.expected.json}, a list of canonical events with their resolved windows, or an error.
 */
class MapperFixturesTest {

    @TestFactory
    Stream<DynamicTest> every_fixture_maps_to_its_expected_canonical_json() throws IOException, URISyntaxException {
        Path root = Path.of(getClass().getResource("/fixtures").toURI());
        List<Path> cases;
        try (Stream<Path> files = Files.walk(root)) {
            cases = files.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().matches("kit\\.json|.*\\.(expected|enrichment|venue)\\.json"))
                    .sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(9);
        return cases.stream().map(input -> DynamicTest.dynamicTest(root.relativize(input).toString(), () -> check(input)));
    }

    private static void check(Path input) throws IOException {
        String source = input.getParent().getFileName().toString();
        BookingSourceMapper mapper = ServiceLoader.load(BookingSourceMapper.class).stream()
                .map(ServiceLoader.Provider::get).filter(m -> m.source().equals(source)).findFirst().orElseThrow();
        JsonNode payload = read(input);
        JsonNode enrichment = sibling(input, "enrichment");
        JsonNode venue = sibling(input, "venue");
        JsonNode expected = read(sibling(input, "expected") == null ? null : path(input, "expected"));
        if (venue != null && venue.has("inspect")) {
            assertThat((JsonNode) Json.MAPPER.valueToTree(mapper.inspect(payload))).isEqualTo(venue.get("inspect"));
        }
        VenueTimes times = new VenueTimes(ZoneId.of(venue == null ? "UTC" : venue.path("timezone").asText("UTC")),
                LocalTime.parse(venue == null ? "15:00" : venue.path("checkIn").asText("15:00")),
                LocalTime.parse(venue == null ? "11:00" : venue.path("checkOut").asText("11:00")));
        if (expected.has("error")) {
            assertThatThrownBy(() -> mapper.map("evt-1", payload, enrichment).forEach(e -> StayWindow.resolve(e.arrival(), e.departure(), times)))
                    .isInstanceOfSatisfying(InvalidBookingException.class,
                            e -> assertThat(e.field()).isEqualTo(expected.at("/error/field").asText()));
            return;
        }
        if (expected.has("refused")) {
            // entry by entry: the entries that map, and those refused on their own (one review item each)
            BookingSourceMapper.Mapped mapped = mapper.mapEach("evt-1", payload, enrichment);
            assertThat(events(mapped.events(), times)).isEqualTo(expected.get("events"));
            ArrayNode refused = Json.MAPPER.createArrayNode();
            mapped.refused().forEach(r -> refused.addObject().put("entity", r.entity()).put("field", r.reason().field()));
            assertThat(refused).isEqualTo(expected.get("refused"));
            return;
        }
        assertThat(events(mapper.map("evt-1", payload, enrichment), times)).isEqualTo(expected);
    }

    private static ArrayNode events(List<BookingEvent> events, VenueTimes times) {
        ArrayNode actual = Json.MAPPER.createArrayNode();
        for (BookingEvent event : events) {
            ObjectNode pair = actual.addObject();
            pair.set("event", Json.MAPPER.valueToTree(event));
            // an ending without dates (a deleted reservation) keeps the stay's window: it has none of its own
            pair.set("window", event.arrival() == null && event.departure() == null ? Json.MAPPER.nullNode()
                    : Json.MAPPER.valueToTree(StayWindow.resolve(event.arrival(), event.departure(), times)));
        }
        return actual;
    }

    private static Path path(Path input, String kind) {
        return input.resolveSibling(input.getFileName().toString().replace(".json", "." + kind + ".json"));
    }

    private static JsonNode sibling(Path input, String kind) throws IOException {
        Path file = path(input, kind);
        return Files.exists(file) ? read(file) : null;
    }

    private static JsonNode read(Path file) throws IOException {
        if (file == null) {
            throw new AssertionError("fixture has no .expected.json");
        }
        return Json.MAPPER.readTree(file.toFile());
    }
}
