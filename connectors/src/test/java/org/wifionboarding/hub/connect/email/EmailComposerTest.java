package org.wifionboarding.hub.connect.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.ZoneId;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wifionboarding.hub.connect.CredentialKind;

class EmailComposerTest {

    private final EmailComposer composer = new EmailComposer();

    private static CredentialNotice notice(String language, String from, String until) {
        return new CredentialNotice(language, "Élise <Moreau>", "Hôtel du Parc", "Parc-Guest", CredentialKind.RADIUS_ACCOUNT, "guest-k3x9",
                "Kp7-wQ9r-Tz4m", Instant.parse(from), Instant.parse(until), ZoneId.of("Europe/Paris"), false);
    }

    @Test
    void french_guests_get_french_text_with_local_times_either_side_of_the_dst_change() {
        EmailComposer.Email email = composer.compose(notice("fr", "2026-03-28T14:00:00Z", "2026-03-30T09:00:00Z"));

        assertThat(email.subject()).isEqualTo("Votre WiFi à Hôtel du Parc");
        assertThat(email.text()).containsPattern("Mot de passe :\\s+Kp7-wQ9r-Tz4m")
                .contains("du samedi 28 mars 2026, 15:00 CET au lundi 30 mars 2026, 11:00 CEST")
                .contains("(Europe/Paris)");
        assertThat(email.html()).contains("<code>Kp7-wQ9r-Tz4m</code>");
        assertThat(email.qrPng()).as("no WPA join code for an enterprise account").isNull();
    }

    @Test
    void unknown_languages_fall_back_to_english_and_html_escapes_the_guest_name() {
        EmailComposer.Email email = composer.compose(notice("xx", "2026-12-20T14:00:00Z", "2026-12-23T10:00:00Z"));

        assertThat(email.subject()).isEqualTo("Your WiFi at Hôtel du Parc");
        assertThat(email.text()).contains("from Sunday, December 20, 2026, 3:00 PM CET until Wednesday, December 23, 2026, 11:00 AM CET");
        assertThat(email.html()).contains("Élise &lt;Moreau&gt;").doesNotContain("<Moreau>");
    }

    /** Every language, across the end of summer time (Paris, last Sunday of October 2026). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "en | Your WiFi at Hôtel du Parc | Saturday, October 24, 2026, 3:00 PM CEST | Monday, October 26, 2026, 11:00 AM CET | Password",
            "fr | Votre WiFi à Hôtel du Parc | samedi 24 octobre 2026, 15:00 CEST | lundi 26 octobre 2026, 11:00 CET | Mot de passe",
            "de | Ihr WLAN im Hôtel du Parc | Samstag, 24. Oktober 2026, 15:00 MESZ | Montag, 26. Oktober 2026, 11:00 MEZ | Passwort",
            "es | Su WiFi en Hôtel du Parc | sábado, 24 de octubre de 2026, 15:00 CEST | lunes, 26 de octubre de 2026, 11:00 CET | Contraseña"})
    void every_language_renders_with_the_right_local_times_across_a_dst_change(String language, String subject, String from, String until,
                                                                               String passwordLabel) {
        EmailComposer.Email email = composer.compose(new CredentialNotice(language, "Élise", "Hôtel du Parc", "Parc-Guest", CredentialKind.PSK,
                "guest-k3x9", "Kp7-wQ9r-Tz4m", Instant.parse("2026-10-24T13:00:00Z"), Instant.parse("2026-10-26T10:00:00Z"),
                ZoneId.of("Europe/Paris"), false, "https://hotel-du-parc.example/logo.png", "+33 1 23 45 67 89"));
        assertThat(email.subject()).isEqualTo(subject);
        assertThat(email.text()).contains(from).contains(until).contains("Kp7-wQ9r-Tz4m").contains(passwordLabel).contains("+33 1 23 45 67 89")
                .doesNotContain("guest-k3x9");
        assertThat(email.html()).contains("<img src=\"https://hotel-du-parc.example/logo.png\"").contains("cid:" + EmailComposer.QR_CONTENT_ID)
                .contains("lang=\"" + language + "\"");
    }

    @Test
    void a_psk_email_carries_an_inline_qr_code_that_joins_the_network() throws Exception {
        EmailComposer.Email email = composer.compose(new CredentialNotice("en", "Élise", "Hôtel du Parc", "Parc;Guest", CredentialKind.PSK,
                "guest-k3x9", "Kp7:wQ9r", Instant.parse("2026-12-20T14:00:00Z"), Instant.parse("2026-12-23T10:00:00Z"), ZoneId.of("Europe/Paris"), false));
        MimeMessage mime = composer.mime(email, "wifi@hotel.example", "elise@example.org");

        assertThat(mime.getMessageID()).as("on the sender's domain").matches("<[0-9a-f-]{36}@hotel\\.example>");
        MimeMultipart alternative = (MimeMultipart) mime.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
        MimeMultipart related = (MimeMultipart) alternative.getBodyPart(1).getContent();
        assertThat(related.getContentType()).startsWith("multipart/related");
        assertThat(related.getBodyPart(0).getContentType()).startsWith("text/html");
        BodyPart image = related.getBodyPart(1);
        assertThat(image.getContentType()).startsWith("image/png");
        assertThat(image.getHeader("Content-ID")).containsExactly("<" + EmailComposer.QR_CONTENT_ID + ">");
        assertThat(image.getDisposition()).isEqualTo("inline");

        BufferedImage png = ImageIO.read(new ByteArrayInputStream(email.qrPng()));
        int[] pixels = png.getRGB(0, 0, png.getWidth(), png.getHeight(), null, 0, png.getWidth());
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(png.getWidth(), png.getHeight(), pixels)))).getText();
        assertThat(decoded).isEqualTo("WIFI:T:WPA;S:Parc\\;Guest;P:Kp7\\:wQ9r;;");
        assertThat(email.html()).doesNotContain("http://").doesNotContain("https://");   // no tracking links, no remote content without a logo
    }

    @Test
    void a_voucher_shows_its_code_and_no_user_name_and_a_check_in_credential_says_when_it_starts() {
        EmailComposer.Email voucher = composer.compose(new CredentialNotice("en", "Élise", "Expo Hall", "Expo-WiFi", CredentialKind.VOUCHER,
                "guest-k3x9", "40521-88310", Instant.parse("2026-12-20T08:00:00Z"), Instant.parse("2026-12-22T18:00:00Z"), ZoneId.of("Europe/Paris"), false));
        assertThat(voucher.text()).containsPattern("Voucher code:\\s+40521-88310").doesNotContain("User name").doesNotContain("guest-k3x9");
        assertThat(voucher.html()).contains("<td>Voucher code</td><td><code>40521-88310</code>").doesNotContain("guest-k3x9");

        EmailComposer.Email psk = composer.compose(new CredentialNotice("fr", "Élise", "Hôtel du Parc", "Parc-Guest", CredentialKind.PSK,
                "guest-k3x9", "Kp7-wQ9r-Tz4m", Instant.parse("2026-12-20T14:00:00Z"), Instant.parse("2026-12-23T10:00:00Z"), ZoneId.of("Europe/Paris"), true));
        assertThat(psk.text()).containsPattern("Mot de passe :\\s+Kp7-wQ9r-Tz4m").doesNotContain("Nom d'utilisateur")
                .contains("Il sera actif dès votre enregistrement à la réception.");
    }
}
