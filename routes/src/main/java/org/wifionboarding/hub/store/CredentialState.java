package org.wifionboarding.hub.store;

/** A booking's credential: none yet (events recorded only), made but not yet valid, usable, or ended. */
public enum CredentialState {
    NONE, PENDING, ACTIVE, REVOKED;

    public boolean live() {
        return this == PENDING || this == ACTIVE;
    }
}
