package org.wifionboarding.hub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads a webhook body as exactly one JSON value in UTF-8, or refuses it: invalid UTF-8 (overlong forms,
 * surrogates), trailing bytes after the value ({@code {…}}garbage}, a second object), and duplicate keys
 * (which two readers may resolve differently) are 400s, never silently half-read.
 */
public final class StrictJson {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {
    }

    /** The body as a tree, or a {@link WebhookRejection} (400, kept for review) saying what is wrong. */
    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw refuse("the body is empty");
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw refuse("is not valid UTF-8");
        }
        try {
            JsonNode tree = STRICT.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw refuse("the body is empty");
            }
            return tree;
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage();
            if (reason != null && reason.startsWith("Duplicate field")) {
                return failWith("has a duplicate key (" + reason.replaceAll("[^\\w '\\-]", "") + ")");
            }
            if (reason != null && reason.startsWith("Trailing token")) {
                return failWith("has more after its JSON value (one JSON value per request)");
            }
            return failWith("is not well-formed JSON");
        } catch (IOException e) {
            return failWith("is not well-formed JSON");
        }
    }

    private static JsonNode failWith(String reason) {
        throw refuse(reason);
    }

    private static WebhookRejection refuse(String reason) {
        return new WebhookRejection(new Problem(400, "Invalid event", "the body is not one well-formed JSON value in UTF-8",
                List.of(new Problem.FieldError("$", reason))), true);
    }
}
