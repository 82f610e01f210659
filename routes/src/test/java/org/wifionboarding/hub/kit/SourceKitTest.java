package org.wifionboarding.hub.kit;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;
import org.wifionboarding.hub.mapping.Json;

/**
 * The source test kit: every fixture pair of every fat source that has a {@code kit.json} goes through the
 * real hub (gate, schema, mapping, de-duplication, broker, normalise, lifecycle) over HTTP, and must end as
 * its {@code .expected.json} says: bookings with the expected windows, a 400 naming the expected field, or
 * nothing. {@code kit.json} tells the kit how to call the source: the path ({@code {case}} is the case's
 * name), the headers that authenticate it, and the configuration that enables it. Thin sources (cases with
 * an {@code .enrichment.json}) need their vendor's API and are left to their own tests.
 */
class SourceKitTest {

    static final Path FIXTURES = Path.of("..", "transforms", "src", "test", "resources", "fixtures");

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> every_fat_fixture_goes_through_the_real_hub() throws IOException {
        List<Path> sources;
        try (Stream<Path> dirs = Files.list(FIXTURES)) {
            sources = dirs.filter(d -> Files.exists(d.resolve("kit.json"))).sorted().toList();
        }
        return sources.stream().map(dir -> DynamicTest.dynamicTest("kit: " + dir.getFileName(), () -> run(dir)));
    }

    private void run(Path dir) throws Exception {
        String source = dir.getFileName().toString();
        JsonNode kit = Json.MAPPER.readTree(dir.resolve("kit.json").toFile());
        List<Path> cases;
        try (Stream<Path> files = Files.list(dir)) {
            cases = files.map(Path::getFileName).map(Path::toString)
                    .filter(f -> f.endsWith(".json") && !f.equals("kit.json") && !f.matches(".*\\.(expected|enrichment|venue)\\.json"))
                    .filter(f -> !Files.exists(dir.resolve(f.replace(".json", ".enrichment.json"))))
                    .sorted().map(dir::resolve).toList();
        }
        Map<String, String> config = new HashMap<>();
        kit.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        for (Path c : cases) {
            JsonNode venue = sibling(c, "venue");
            JsonNode expected = sibling(c, "expected");
            if (venue != null && expected != null && expected.isArray()) {
                for (JsonNode e : expected) {
                    String id = e.at("/event/venueId").asText();
                    config.put("hub.venues." + id + ".timezone", venue.path("timezone").asText("UTC"));
                    config.put("hub.venues." + id + ".check-in-time", venue.path("checkIn").asText("15:00"));
                    config.put("hub.venues." + id + ".check-out-time", venue.path("checkOut").asText("11:00"));
                }
            }
        }
        SoftAssertions softly = new SoftAssertions();
        try (RunningHub hub = RunningHub.start(work.resolve(source), config)) {
            for (Path c : cases) {
                String name = c.getFileName().toString().replace(".json", "");
                JsonNode expected = sibling(c, "expected");
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort()
                                + kit.path("path").asText().replace("{case}", name)))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Files.readString(c)));
                kit.path("headers").fields().forEachRemaining(h -> request.header(h.getKey(), h.getValue().asText()));
                HttpResponse<String> answer = hub.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (expected.has("error")) {
                    softly.assertThat(answer.statusCode()).as("%s/%s answer", source, name).isEqualTo(400);
                    softly.assertThat(answer.body()).as("%s/%s problem names the field", source, name)
                            .contains(expected.at("/error/field").asText());
                    continue;
                }
                softly.assertThat(answer.statusCode()).as("%s/%s answer: %s", source, name, answer.body()).isEqualTo(202);
                List<String> mismatches = new ArrayList<>();
                for (JsonNode e : expected) {
                    String bookingId = e.at("/event/bookingId").asText();
                    try {
                        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
                            var response = hub.getAdmin("/api/bookings/" + source + "/" + bookingId);
                            if (response.statusCode() != 200) {
                                return false;
                            }
                            JsonNode b = Json.MAPPER.readTree(response.body());
                            return b.path("validFrom").asText().equals(e.at("/window/validFrom").asText())
                                    && b.path("validUntil").asText().equals(e.at("/window/validUntil").asText())
                                    && b.path("kind").asText().equals(e.at("/event/kind").asText());
                        });
                    } catch (org.awaitility.core.ConditionTimeoutException timeout) {
                        mismatches.add(bookingId + ": " + hub.getAdmin("/api/bookings/" + source + "/" + bookingId).body());
                    }
                }
                softly.assertThat(mismatches).as("%s/%s bookings that did not end as expected", source, name).isEmpty();
            }
        }
        softly.assertAll();
    }

    private static JsonNode sibling(Path c, String kind) throws IOException {
        Path file = c.resolveSibling(c.getFileName().toString().replace(".json", "." + kind + ".json"));
        return Files.exists(file) ? Json.MAPPER.readTree(file.toFile()) : null;
    }
}
