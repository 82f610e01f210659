package org.wifionboarding.hub.connect.stub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Meraki stand-in's contract ({@code contracts/meraki/identity-psks.json}) is written for the hub's tests, because
 * Meraki's OpenAPI repository carries no licence. This test holds it to Meraki's own document: given a local copy of
 * {@code meraki/openapi}'s {@code openapi/spec3.json} (system property {@code meraki.openapi} or environment variable
 * {@code MERAKI_OPENAPI}; a file holding only its {@code paths} will do), every operation the contract describes must be
 * there with the same id, path parameters, body fields, required fields and success status. The one field the contract
 * adds, {@code expiresAt}, is documented by the MIT-licensed SDK generated from later versions of the spec. Without the
 * copy (CI has no network to fetch it) the comparison is skipped; the document's own validity is checked either way.
 */
class MerakiContractTest {

    private static final Set<String> ADDED_SINCE = Set.of("expiresAt");

    @Test
    void the_contract_is_a_valid_openapi_document() throws Exception {
        SwaggerParseResult ours = parse(resource());
        assertThat(ours.getMessages()).isEmpty();
        assertThat(ours.getOpenAPI().getPaths()).hasSize(2);
    }

    @Test
    void every_operation_matches_merakis_own_document() throws Exception {
        String location = System.getProperty("meraki.openapi", System.getenv("MERAKI_OPENAPI"));
        Assumptions.assumeTrue(location != null && !location.isBlank(), "no local copy of meraki/openapi's spec3.json given");
        ObjectMapper json = new ObjectMapper();
        JsonNode official = json.readTree(Files.readString(Path.of(location)));
        if (!official.has("openapi")) {   // only the paths, as extracted from the document
            ObjectNode wrapped = json.createObjectNode().put("openapi", "3.0.1");
            wrapped.putObject("info").put("title", "extract").put("version", "0");
            wrapped.set("paths", official.get("paths"));
            official = wrapped;
        }
        OpenAPI theirs = parse(json.writeValueAsString(official)).getOpenAPI();
        OpenAPI ours = parse(resource()).getOpenAPI();

        List<String> differences = new ArrayList<>();
        ours.getPaths().forEach((path, item) -> {
            PathItem their = theirs.getPaths().get(path);
            if (their == null) {
                differences.add(path + ": not in Meraki's document");
                return;
            }
            item.readOperationsMap().forEach((method, op) -> {
                Operation theirOp = their.readOperationsMap().get(method);
                String where = method + " " + path;
                if (theirOp == null) {
                    differences.add(where + ": not in Meraki's document");
                    return;
                }
                if (!op.getOperationId().equals(theirOp.getOperationId())) {
                    differences.add(where + ": operationId " + op.getOperationId() + " vs " + theirOp.getOperationId());
                }
                Set<String> ourParams = names(item.getParameters(), op.getParameters(), ours);
                Set<String> theirParams = names(their.getParameters(), theirOp.getParameters(), theirs);
                if (!ourParams.equals(theirParams)) {
                    differences.add(where + ": path parameters " + ourParams + " vs " + theirParams);
                }
                Schema<?> ourBody = body(op);
                Schema<?> theirBody = body(theirOp);
                if ((ourBody == null) != (theirBody == null)) {
                    differences.add(where + ": a body in one document only");
                } else if (ourBody != null) {
                    Set<String> ourFields = new TreeSet<>(ourBody.getProperties().keySet());
                    Set<String> theirFields = new TreeSet<>(theirBody.getProperties().keySet());
                    Set<String> missing = new TreeSet<>(theirFields);
                    missing.removeAll(ourFields);
                    Set<String> added = new TreeSet<>(ourFields);
                    added.removeAll(theirFields);
                    added.removeAll(ADDED_SINCE);
                    if (!missing.isEmpty() || !added.isEmpty()) {
                        differences.add(where + ": body fields missing " + missing + ", not Meraki's " + added);
                    }
                    theirFields.forEach(field -> {
                        String theirType = theirBody.getProperties().get(field).getType();
                        String ourType = ourBody.getProperties().get(field) == null ? null : ourBody.getProperties().get(field).getType();
                        if (ourType != null && !ourType.equals(theirType)) {
                            differences.add(where + ": " + field + " is " + ourType + " vs " + theirType);
                        }
                    });
                    Set<String> ourRequired = new TreeSet<>(ourBody.getRequired() == null ? List.of() : ourBody.getRequired());
                    Set<String> theirRequired = new TreeSet<>(theirBody.getRequired() == null ? List.of() : theirBody.getRequired());
                    if (!ourRequired.equals(theirRequired)) {
                        differences.add(where + ": required " + ourRequired + " vs " + theirRequired);
                    }
                }
                Set<String> ourSuccess = success(op);
                Set<String> theirSuccess = success(theirOp);
                if (!ourSuccess.equals(theirSuccess)) {
                    differences.add(where + ": success statuses " + ourSuccess + " vs " + theirSuccess);
                }
            });
        });
        assertThat(differences).isEmpty();
    }

    private static Set<String> names(List<Parameter> shared, List<Parameter> own, OpenAPI api) {
        Set<String> names = new TreeSet<>();
        for (List<Parameter> list : List.of(shared == null ? List.<Parameter>of() : shared, own == null ? List.<Parameter>of() : own)) {
            for (Parameter p : list) {
                Parameter resolved = p.get$ref() == null ? p
                        : api.getComponents().getParameters().get(p.get$ref().substring(p.get$ref().lastIndexOf('/') + 1));
                if ("path".equals(resolved.getIn())) {
                    names.add(resolved.getName());
                }
            }
        }
        return names;
    }

    private static Schema<?> body(Operation op) {
        return op.getRequestBody() == null ? null : op.getRequestBody().getContent().get("application/json").getSchema();
    }

    private static Set<String> success(Operation op) {
        Set<String> codes = new TreeSet<>(op.getResponses().keySet());
        codes.removeIf(code -> !code.startsWith("2"));
        return codes;
    }

    private static SwaggerParseResult parse(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(document, null, options);
    }

    private static String resource() throws Exception {
        try (InputStream in = MerakiContractTest.class.getResourceAsStream("/contracts/meraki/identity-psks.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
