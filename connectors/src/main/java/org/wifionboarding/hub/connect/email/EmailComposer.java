package org.wifionboarding.hub.connect.email;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.wifionboarding.hub.connect.CredentialKind;

/**
 * Renders the credential email (subject, plain text, HTML) from {@code templates/email/<language>.*}
 * in the guest's language, falling back to English, with the window in the venue's local time and
 * its zone named. Mustache escapes HTML in the HTML part.
 */
public final class EmailComposer {

    public static final Set<String> LANGUAGES = Set.of("en", "fr");
    private static final String FALLBACK = "en";

    private final MustacheFactory mustache = new DefaultMustacheFactory("templates/email");
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

    /** A rendered message. */
    public record Email(String subject, String text, String html) {
    }

    public Email compose(CredentialNotice notice) {
        String language = notice.language() != null && LANGUAGES.contains(notice.language()) ? notice.language() : FALLBACK;
        Locale locale = Locale.forLanguageTag(language);
        DateTimeFormatter when = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm zzz", locale).withZone(notice.zone());
        Map<String, Object> scope = Map.ofEntries(
                Map.entry("account", notice.kind() == CredentialKind.RADIUS_ACCOUNT),
                Map.entry("voucher", notice.kind() == CredentialKind.VOUCHER),
                Map.entry("afterCheckIn", notice.afterCheckIn()),
                Map.entry("guestName", notice.guestName() == null ? "" : notice.guestName()),
                Map.entry("venueName", notice.venueName()),
                Map.entry("ssid", notice.ssid()),
                Map.entry("username", notice.username()),
                Map.entry("passphrase", notice.passphrase()),
                Map.entry("validFrom", when.format(notice.validFrom())),
                Map.entry("validUntil", when.format(notice.validUntil())),
                Map.entry("zone", notice.zone().getId()),
                Map.entry("zoneName", notice.zone().getDisplayName(TextStyle.FULL, locale)));
        return new Email(render(language + ".subject.mustache", scope).strip(), render(language + ".txt.mustache", scope),
                render(language + ".html.mustache", scope));
    }

    private String render(String template, Map<String, Object> scope) {
        StringWriter out = new StringWriter();
        compiled.computeIfAbsent(template, mustache::compile).execute(out, scope);
        return out.toString();
    }
}
