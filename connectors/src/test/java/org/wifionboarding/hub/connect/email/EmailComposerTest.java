package org.wifionboarding.hub.connect.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
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
        assertThat(email.text()).contains("Mot de passe :       Kp7-wQ9r-Tz4m")
                .contains("du samedi 28 mars 2026, 15:00 CET au lundi 30 mars 2026, 11:00 CEST")
                .contains("(Europe/Paris)");
        assertThat(email.html()).contains("<code>Kp7-wQ9r-Tz4m</code>");
    }

    @Test
    void unknown_languages_fall_back_to_english_and_html_escapes_the_guest_name() {
        EmailComposer.Email email = composer.compose(notice("xx", "2026-12-20T14:00:00Z", "2026-12-23T10:00:00Z"));

        assertThat(email.subject()).isEqualTo("Your WiFi at Hôtel du Parc");
        assertThat(email.text()).contains("from Sunday 20 December 2026, 15:00 CET until Wednesday 23 December 2026, 11:00 CET");
        assertThat(email.html()).contains("Élise &lt;Moreau&gt;").doesNotContain("<Moreau>");
    }

    @Test
    void a_voucher_shows_its_code_and_no_user_name_and_a_check_in_credential_says_when_it_starts() {
        EmailComposer.Email voucher = composer.compose(new CredentialNotice("en", "Élise", "Expo Hall", "Expo-WiFi", CredentialKind.VOUCHER,
                "guest-k3x9", "40521-88310", Instant.parse("2026-12-20T08:00:00Z"), Instant.parse("2026-12-22T18:00:00Z"), ZoneId.of("Europe/Paris"), false));
        assertThat(voucher.text()).contains("Voucher code:   40521-88310").doesNotContain("User name").doesNotContain("guest-k3x9");
        assertThat(voucher.html()).contains("<td>Voucher code</td><td><code>40521-88310</code>").doesNotContain("guest-k3x9");

        EmailComposer.Email psk = composer.compose(new CredentialNotice("fr", "Élise", "Hôtel du Parc", "Parc-Guest", CredentialKind.PSK,
                "guest-k3x9", "Kp7-wQ9r-Tz4m", Instant.parse("2026-12-20T14:00:00Z"), Instant.parse("2026-12-23T10:00:00Z"), ZoneId.of("Europe/Paris"), true));
        assertThat(psk.text()).contains("Mot de passe :       Kp7-wQ9r-Tz4m").doesNotContain("Nom d'utilisateur")
                .contains("Il sera actif dès votre enregistrement à la réception.");
    }
}
