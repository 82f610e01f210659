package org.wifionboarding.hub.connect.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.wifionboarding.hub.connect.CredentialKind;
import org.wifionboarding.hub.connect.email.CredentialNotice;

class SmsTextTest {

    private final SmsText sms = new SmsText();

    private static CredentialNotice notice(String language, String venue, CredentialKind kind) {
        // across the end of summer time in Paris: arrive Saturday 24 October 2026, leave Monday 26 October
        return new CredentialNotice(language, "Élise", venue, "Parc-Guest-5GHz", kind, "guest-k3x9m2p7qa", "Kp7wQ9rTz4mA",
                Instant.parse("2026-10-24T13:00:00Z"), Instant.parse("2026-10-26T10:00:00Z"), ZoneId.of("Europe/Paris"), false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr", "de", "es", "xx"})
    void every_language_fits_two_segments_with_local_times_either_side_of_the_dst_change(String language) {
        for (CredentialKind kind : CredentialKind.values()) {
            SmsText.Sms text = sms.compose(notice(language, "Grand Hôtel de la Plage et des Anglais", kind));
            assertThat(text.segments()).as(text.text()).isLessThanOrEqualTo(2);
            assertThat(text.text()).contains("Kp7wQ9rTz4mA").contains("15:00").contains("11:00");   // CEST then CET wall-clock times
        }
    }

    @Test
    void gsm7_and_ucs2_are_counted_as_the_network_counts_them() {
        assertThat(SmsText.measure("a".repeat(160))).extracting(SmsText.Sms::gsm7, SmsText.Sms::segments).containsExactly(true, 1);
        assertThat(SmsText.measure("a".repeat(161)).segments()).isEqualTo(2);
        assertThat(SmsText.measure("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsText.measure("a".repeat(307)).segments()).isEqualTo(3);
        assertThat(SmsText.measure("€".repeat(80))).extracting(SmsText.Sms::gsm7, SmsText.Sms::segments).containsExactly(true, 1);
        assertThat(SmsText.measure("é à ü ñ Ä").gsm7()).isTrue();
        assertThat(SmsText.measure("Hôtel").gsm7()).as("ô is not GSM-7").isFalse();
        assertThat(SmsText.measure("ô".repeat(70)).segments()).isEqualTo(1);
        assertThat(SmsText.measure("ô".repeat(71)).segments()).isEqualTo(2);
        assertThat(SmsText.measure("ô".repeat(135)).segments()).isEqualTo(3);
    }

    @Test
    void a_french_message_is_in_french_and_a_long_one_is_shortened_not_cut() {
        SmsText.Sms text = sms.compose(notice("fr", "Hôtel du Parc", CredentialKind.PSK));
        assertThat(text.text()).startsWith("WiFi Hôtel du Parc").contains("mot de passe Kp7wQ9rTz4mA").contains("Valable du 24 oct. 15:00 au 26 oct. 11:00");
        assertThat(text.gsm7()).isFalse();
        assertThat(text.segments()).isEqualTo(2);
        // with a user name as well, ô makes it UCS-2 and the full text would need three: the short form drops the venue's name
        SmsText.Sms shortened = sms.compose(notice("fr", "Hôtel du Parc", CredentialKind.RADIUS_ACCOUNT));
        assertThat(shortened.segments()).isLessThanOrEqualTo(2);
        assertThat(shortened.text()).doesNotContain("Hôtel").contains("utilisateur guest-k3x9m2p7qa").contains("Kp7wQ9rTz4mA");
    }
}
