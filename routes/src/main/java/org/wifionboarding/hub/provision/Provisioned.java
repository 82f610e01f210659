package org.wifionboarding.hub.provision;

import java.util.Locale;

/** What a reconcile left on the network target: the credential works now, is there but not yet usable, is gone, or there is no booking. */
public enum Provisioned {
    USABLE, MADE, REMOVED, UNKNOWN;

    /** {@code usable}, {@code made}, ...: how the provisioning stage announces it. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
