package org.wifionboarding.hub.connect;

/**
 * A provisioning target refused the request for good (a 4xx other than 401/403/408/429: a missing or invalid field,
 * a misconfigured target): trying again changes nothing, so the booking's provisioning ends FAILED with the vendor's
 * reason, the guest is sent nothing and the front desk is flagged; the message is kept for replay once it is fixed.
 */
public class TargetRefusedException extends IllegalStateException {

    private final int status;

    public TargetRefusedException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
