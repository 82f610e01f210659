package org.wifionboarding.hub.connect;

import java.util.Arrays;
import java.util.Locale;

/** What a guest is given: a RADIUS account (user name and password), a per-guest PSK, or a voucher code. */
public enum CredentialKind {
    /** a user name and password for WPA2/WPA3-Enterprise or a captive portal */
    RADIUS_ACCOUNT,
    /** a per-guest pre-shared key (PPSK, iPSK, identity PSK) on the venue's SSID */
    PSK,
    /** a code for the captive portal, issued by the controller */
    VOUCHER;

    /** The configuration spelling: {@code radius-account}, {@code psk}, {@code voucher}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static CredentialKind fromConfig(String value) {
        return Arrays.stream(values()).filter(k -> k.configName().equals(value.trim().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown credential kind '" + value
                        + "' (one of radius-account, psk, voucher)"));
    }
}
