package org.wifionboarding.hub.connect.channel;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}): base64 of HMAC-SHA1, keyed by the auth token, over the
 * full URL Twilio called followed by every POST parameter, names sorted, and for each name every value sorted, each
 * appended as name then value (a name sent twice counts twice), as Twilio's own validators compute it
 * ({@code twilio-python} {@code RequestValidator.compute_signature}). The URL is tried with and without its default
 * port, as those validators do, since Twilio signs either form.
 */
public final class TwilioSignature {

    private TwilioSignature() {
    }

    public static String sign(String authToken, String url, Map<String, ? extends List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, values) -> {
            List<String> sorted = new ArrayList<>(values);
            sorted.sort(null);
            sorted.forEach(value -> data.append(name).append(value));
        });
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For parameters sent once each. */
    public static String signSingle(String authToken, String url, Map<String, String> params) {
        return sign(authToken, url, multi(params));
    }

    /** Constant-time comparison of the header against the signature this request should carry, the URL with or without its port. */
    public static boolean valid(String authToken, String url, Map<String, ? extends List<String>> params, String header) {
        if (header == null || authToken == null || authToken.isEmpty()) {
            return false;
        }
        byte[] given = header.getBytes(StandardCharsets.US_ASCII);
        boolean valid = false;
        for (String form : urlForms(url)) {
            valid |= MessageDigest.isEqual(sign(authToken, form, params).getBytes(StandardCharsets.US_ASCII), given);
        }
        return valid;
    }

    public static boolean validSingle(String authToken, String url, Map<String, String> params, String header) {
        return valid(authToken, url, multi(params), header);
    }

    private static Map<String, List<String>> multi(Map<String, String> params) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((name, value) -> multi.put(name, List.of(value)));
        return multi;
    }

    /** The URL as given, without its port, and with the scheme's default port. */
    static List<String> urlForms(String url) {
        List<String> forms = new ArrayList<>(List.of(url));
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null) {
                return forms;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            String without = new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), -1, uri.getPath(), uri.getQuery(), uri.getFragment()).toString();
            String with = new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), port, uri.getPath(), uri.getQuery(), uri.getFragment()).toString();
            for (String form : List.of(without, with)) {
                if (!forms.contains(form)) {
                    forms.add(form);
                }
            }
        } catch (URISyntaxException e) {
            return forms;
        }
        return forms;
    }
}
