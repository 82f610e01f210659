package org.wifionboarding.hub.model;

/**
 * The guest, reduced to what is needed to deliver a credential (data minimisation).
 *
 * @param phone E.164, or null
 * @param language an ISO 639-1 code such as {@code fr}, or null
 * @param preferredChannel a delivery channel name ({@code email}, {@code sms}) or null
 */
public record Guest(String guestId, String displayName, String email, String phone, String language,
                    String preferredChannel) {
}
