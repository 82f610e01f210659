package org.wifionboarding.hub.connect.channel;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.email.CredentialNotice;

/**
 * The credential as an SMS that fits one or two segments: rendered from {@code templates/sms/<language>.mustache}
 * (falling back to the shorter {@code <language>.short.mustache} when the full text would need three),
 * counted as GSM-7 septets (extension characters count twice) when every character is in the GSM 03.38
 * alphabet, otherwise as UCS-2 (16-bit units, so 70 per segment, 67 when concatenated).
 */
public final class SmsText {

    public static final Set<String> LANGUAGES = Set.of("en", "fr", "de", "es");
    static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    private final MustacheFactory mustache = new DefaultMustacheFactory("templates/sms") {
        @Override
        public void encode(String value, java.io.Writer writer) {
            try {
                writer.write(value);   // an SMS is plain text: nothing to escape
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    };
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

    /** A rendered SMS. */
    public record Sms(String text, boolean gsm7, int segments) {
    }

    public Sms compose(CredentialNotice notice) {
        String language = notice.language() != null && LANGUAGES.contains(notice.language()) ? notice.language() : "en";
        Locale locale = Locale.forLanguageTag(language);
        DateTimeFormatter when = DateTimeFormatter.ofPattern("d MMM HH:mm", locale).withZone(notice.zone());
        Map<String, Object> scope = Map.of(
                "venueName", notice.venueName(), "ssid", notice.ssid(),
                "account", notice.kind() == CredentialKind.RADIUS_ACCOUNT, "voucher", notice.kind() == CredentialKind.VOUCHER,
                "username", notice.username(), "passphrase", notice.passphrase(),
                "validFrom", when.format(notice.validFrom()), "validUntil", when.format(notice.validUntil()),
                "afterCheckIn", notice.afterCheckIn());
        Sms full = measure(render(language + ".mustache", scope));
        return full.segments() <= 2 ? full : measure(render(language + ".short.mustache", scope));
    }

    /** Encoding and segment count of a text, as the SMS network counts them. */
    public static Sms measure(String text) {
        int septets = 0;
        boolean gsm7 = true;
        for (int i = 0; i < text.length() && gsm7; i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                septets++;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                gsm7 = false;
            }
        }
        int units = gsm7 ? septets : text.length();   // UCS-2: Java chars are UTF-16 units
        int single = gsm7 ? 160 : 70;
        int multi = gsm7 ? 153 : 67;
        int segments = units <= single ? 1 : (units + multi - 1) / multi;
        return new Sms(text, gsm7, segments);
    }

    private String render(String template, Map<String, Object> scope) {
        StringWriter out = new StringWriter();
        compiled.computeIfAbsent(template, mustache::compile).execute(out, scope);
        return out.toString().strip();
    }
}
