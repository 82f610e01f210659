package org.wifionboarding.hub.connect.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class EmailComposerTest {

    private final EmailComposer composer = new EmailComposer();

    private static CredentialNotice notice(String language, String from, String until) {
        return new CredentialNotice(language, "Élise <Moreau>", "Hôtel du Parc", "Parc-Guest", "guest-k3x9", "Kp7-wQ9r-Tz4m",
                Instant.parse(from), Instant.parse(until), ZoneId.of("Europe/Paris"));
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
}
