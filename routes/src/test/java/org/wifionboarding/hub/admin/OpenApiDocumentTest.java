package org.wifionboarding.hub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wifionboarding.hub.RunningHub;

/** {@code GET /api/openapi.json} is valid OpenAPI 3 and names exactly the operations the running hub serves. */
class OpenApiDocumentTest {

    @TempDir
    Path dataDir;

    @Test
    void the_document_is_valid_and_lists_every_served_operation_and_no_other() throws Exception {
        try (RunningHub hub = RunningHub.start(dataDir, Map.of())) {
            var answer = hub.getAdmin("/api/openapi.json");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(hub.admin("GET", "/api/openapi.json", null).statusCode()).as("behind the admin token").isEqualTo(401);

            SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(answer.body());
            assertThat(parsed.getMessages()).as("OpenAPI 3 validation").isEmpty();
            OpenAPI document = parsed.getOpenAPI();
            Set<String> documented = new TreeSet<>();
            document.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                    .forEach(method -> documented.add(method.name() + " " + path)));

            Set<String> served = new TreeSet<>();
            for (Route route : hub.context().getRoutes()) {
                if (route.getEndpoint() instanceof PlatformHttpEndpoint http) {
                    for (String method : http.getHttpMethodRestrict().split(",")) {
                        served.add(method.trim().toUpperCase(Locale.ROOT) + " " + http.getPath());
                    }
                }
            }
            assertThat(served).isNotEmpty();
            assertThat(documented).isEqualTo(served);
            assertThat(document.getPaths().get("/webhooks/{source}").getPost().getResponses()).containsKeys("202", "400", "503");
        }
    }
}
