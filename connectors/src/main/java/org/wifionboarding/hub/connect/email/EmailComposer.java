package org.wifionboarding.hub.connect.email;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.StringWriter;
import java.util.Properties;
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

    public static final Set<String> LANGUAGES = Set.of("en", "fr", "de", "es");
    /** The Content-ID of the inline QR code image. */
    public static final String QR_CONTENT_ID = "wifi-qr@wifi-onboarding-hub";
    private static final String FALLBACK = "en";

    private final MustacheFactory mustache = new DefaultMustacheFactory("templates/email");
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

    /** A rendered message; {@code qrPng} is the inline join code (PSKs only), or null. */
    public record Email(String subject, String text, String html, byte[] qrPng) {
        @Override
        public String toString() {
            return "Email[...]";
        }
    }

    /**
     * A moment as the guest's language writes it (CLDR): the full date, the short time and the zone's short name,
     * e.g. "Montag, 30. November 2026, 15:00 MEZ" or "Monday, November 30, 2026, 3:00 PM CET".
     */
    static final class When {
        private final DateTimeFormatter date;
        private final DateTimeFormatter time;
        private final DateTimeFormatter zone;

        When(Locale locale, java.time.ZoneId venueZone) {
            this.date = DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.FULL).withLocale(locale).withZone(venueZone);
            this.time = DateTimeFormatter.ofLocalizedTime(java.time.format.FormatStyle.SHORT).withLocale(locale).withZone(venueZone);
            this.zone = DateTimeFormatter.ofPattern("zzz", locale).withZone(venueZone);
        }

        String format(java.time.Instant instant) {
            return date.format(instant) + ", " + time.format(instant) + " " + zone.format(instant);
        }
    }

    /** The language a notice is written in: the guest's when the hub has templates for it, else English. */
    public static String language(CredentialNotice notice) {
        return notice.language() != null && LANGUAGES.contains(notice.language()) ? notice.language() : FALLBACK;
    }

    public Email compose(CredentialNotice notice) {
        String language = language(notice);
        Locale locale = Locale.forLanguageTag(language);
        When when = new When(locale, notice.zone());
        // a WPA join code only works for a pre-shared key: an enterprise account or a voucher needs a login
        boolean qr = notice.kind() == CredentialKind.PSK;
        Map<String, Object> scope = Map.ofEntries(
                Map.entry("qr", qr),
                Map.entry("qrContentId", QR_CONTENT_ID),
                Map.entry("logoUrl", notice.logoUrl() == null ? "" : notice.logoUrl()),
                Map.entry("supportPhone", notice.supportPhone() == null ? "" : notice.supportPhone()),
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
                render(language + ".html.mustache", scope), qr ? WifiQrCode.png(WifiQrCode.payload(notice.ssid(), notice.passphrase()), 300) : null);
    }

    /**
     * The email as one MIME message, which camel-mail sends as it is: {@code multipart/alternative} of the
     * plain text and a {@code multipart/related} HTML part carrying the QR code inline (by Content-ID).
     */
    public MimeMessage mime(Email email, String from, String to) throws MessagingException {
        String domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1).replaceAll("[>\\s]", "") : "localhost";
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws MessagingException {
                // on the sender's domain (RFC 5322 3.6.4), not this machine's name
                setHeader("Message-ID", "<" + java.util.UUID.randomUUID() + "@" + domain + ">");
            }
        };
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        message.setSubject(email.subject(), "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.text(), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(email.html(), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        if (email.qrPng() == null) {
            alternative.addBodyPart(html);
        } else {
            MimeMultipart related = new MimeMultipart("related");
            related.addBodyPart(html);
            MimeBodyPart image = new MimeBodyPart();
            image.setDataHandler(new DataHandler(new ByteArrayDataSource(email.qrPng(), "image/png")));
            image.setContentID("<" + QR_CONTENT_ID + ">");
            image.setDisposition(Part.INLINE);
            image.setFileName("wifi-qr.png");
            related.addBodyPart(image);
            MimeBodyPart relatedPart = new MimeBodyPart();
            relatedPart.setContent(related);
            alternative.addBodyPart(relatedPart);
        }
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private String render(String template, Map<String, Object> scope) {
        StringWriter out = new StringWriter();
        compiled.computeIfAbsent(template, mustache::compile).execute(out, scope);
        return out.toString();
    }
}
