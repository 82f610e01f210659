package org.wifionboarding.hub.connect.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.wifionboarding.hub.connect.RetryLaterException;
import org.wifionboarding.hub.connect.TargetUnavailableException;
import org.wifionboarding.hub.mapping.Json;

/**
 * JSON over HTTP to a controller, with the failure rules every target shares: a connection failure, a
 * timeout, a 429 or a 5xx is {@link TargetUnavailableException} (with the vendor's {@code Retry-After}),
 * so the broker tries again; every other answer is returned for the target to read. An optional pacer
 * runs before each request (a shared rate limit).
 */
public final class VendorHttp {

    /** An answer: status, headers and the body as JSON (a missing node when it is empty or not JSON). */
    public record Response(int status, HttpHeaders headers, JsonNode json, String text) {
        public boolean ok() {
            return status / 100 == 2;
        }

        /** The status and the start of the body, for errors (vendor error bodies carry no secrets of ours; device addresses are masked). */
        public String describe() {
            String body = text == null ? "" : redact(text.replaceAll("\\s+", " ").trim());
            return "HTTP " + status + (body.isEmpty() ? "" : " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
        }
    }

    /** Makes the exception for "try again later" (a target's or a channel's). */
    @FunctionalInterface
    public interface Unavailable {
        RetryLaterException make(String message, Duration retryAfter, Throwable cause);
    }

    private final String vendor;
    private final Unavailable unavailable;
    private final HttpClient client;
    private final Duration timeout;
    private final Runnable pacer;
    private final Clock clock;
    private volatile boolean followRedirects;

    /**
     * @param vendor named in errors
     * @param cookies keep a cookie session (UniFi)
     * @param pacer runs before every request (a rate limit), or null
     */
    public VendorHttp(String vendor, Duration timeout, boolean cookies, Runnable pacer, Clock clock) {
        this(vendor, TargetUnavailableException::new, timeout, cookies, pacer, clock);
    }

    public VendorHttp(String vendor, Unavailable unavailable, Duration timeout, boolean cookies, Runnable pacer, Clock clock) {
        this.vendor = vendor;
        this.unavailable = unavailable;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        if (cookies) {
            builder.cookieHandler(new CookieManager());
        }
        this.client = builder.build();
        this.timeout = timeout;
        this.pacer = pacer;
        this.clock = clock;
    }

    /**
     * Follows 301/302/307/308 (and 303 as a GET) to their {@code Location}, at most 5, with the same method, headers and
     * body, as the Meraki Dashboard API asks of its clients (its official SDK follows shard redirects itself).
     */
    public VendorHttp followingRedirects() {
        this.followRedirects = true;
        return this;
    }

    /** Sends a form ({@code application/x-www-form-urlencoded}), as Twilio wants. */
    public Response sendForm(String method, String url, Map<String, String> headers, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8))
                .append('=').append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Content-Type", "application/x-www-form-urlencoded");
        return send(method, url, all, body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public Response send(String method, String url, Map<String, String> headers, Object jsonBody) {
        Response answer = sendOnce(method, url, headers, jsonBody);
        for (int hop = 0; followRedirects && hop < 5 && isRedirect(answer.status()); hop++) {
            String location = answer.headers().firstValue("Location").orElse(null);
            if (location == null) {
                break;
            }
            url = URI.create(url).resolve(location).toString();
            if (answer.status() == 303) {
                method = "GET";
                jsonBody = null;
            }
            answer = sendOnce(method, url, headers, jsonBody);
        }
        return answer;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private Response sendOnce(String method, String url, Map<String, String> headers, Object jsonBody) {
        byte[] body;
        try {
            body = jsonBody == null ? null : jsonBody instanceof byte[] raw ? raw : Json.MAPPER.writeValueAsBytes(jsonBody);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Accept", "application/json");
        if (body != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        if (pacer != null) {
            pacer.run();
        }
        HttpResponse<String> response;
        // the request timeout of java.net.http ends when the answer's headers arrive (JDK-8208693): a vendor that
        // stalls in the middle of a body would hold this thread (and a cluster-wide Quartz job) for ever, so the
        // whole exchange, body included, is bounded here and abandoned when it overruns
        java.util.concurrent.CompletableFuture<HttpResponse<String>> pending = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        try {
            response = pending.get(timeout.toMillis() + 1_000, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw unavailable.make(vendor + " " + method + " " + path(url) + " failed: " + cause, null, cause);
        } catch (java.util.concurrent.TimeoutException e) {
            pending.cancel(true);
            throw unavailable.make(vendor + " " + method + " " + path(url) + " gave no complete answer within " + timeout, null, e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw unavailable.make(vendor + " " + method + " " + path(url) + " interrupted", null, e);
        }
        Response answer = new Response(response.statusCode(), response.headers(), json(response.body()), response.body());
        if (answer.status() == 429 || answer.status() >= 500) {
            throw unavailable.make(vendor + " " + method + " " + path(url) + " answered " + answer.describe(),
                    RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock), null);
        }
        return answer;
    }

    /**
     * An answer the target did not expect. A 4xx that says the request itself is wrong (400, 404, 405, 409, 410, 415,
     * 422, ...) is final ({@link TargetRefusedException}); anything else (401/403 after a fresh login, 408, a 3xx, an
     * unreadable 2xx) is left to the broker's retries, then dead-lettered with this message.
     */
    public IllegalStateException refused(String method, String url, Response response) {
        String message = vendor + " " + method + " " + path(url) + " refused: " + response.describe();
        int status = response.status();
        boolean requestIsWrong = status >= 400 && status < 500 && status != 401 && status != 403 && status != 408 && status != 429;
        return requestIsWrong ? new org.wifionboarding.hub.connect.TargetRefusedException(message, status) : new IllegalStateException(message);
    }

    private static JsonNode json(String text) {
        if (text == null || text.isBlank()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private static String path(String url) {
        return redact(URI.create(url).getPath());
    }

    private static final java.util.regex.Pattern MAC = java.util.regex.Pattern.compile("\\b([0-9A-Fa-f]{2}[-:]){5}[0-9A-Fa-f]{2}\\b");

    /** Error messages reach the booking's timeline and the logs: a guest's device address (personal data) never does. */
    static String redact(String text) {
        return MAC.matcher(text).replaceAll("{mac}");
    }
}
