package org.wifionboarding.hub.config;

import java.util.Arrays;
import java.util.Locale;

/** When a venue's credential starts to let the guest in. */
public enum Activation {
    /** from {@code validFrom} (check-in time on the arrival day) */
    ON_CONFIRM,
    /** made at booking, usable only once the check-in event arrives (high-security venues) */
    ON_CHECK_IN,
    /** vouchers: the controller starts the clock when the code is first used (conferences) */
    ON_FIRST_USE;

    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Activation fromConfig(String value) {
        return Arrays.stream(values()).filter(a -> a.configName().equals(value.trim().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown activation '" + value + "' (one of on-confirm, on-check-in, on-first-use)"));
    }
}
