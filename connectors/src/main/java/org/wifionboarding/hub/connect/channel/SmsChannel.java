package org.wifionboarding.hub.connect.channel;

/** What every SMS provider shares: the channel's name, and that it reaches a guest with an E.164 number. */
abstract class SmsChannel implements DeliveryChannel {

    protected final SmsText sms = new SmsText();

    @Override
    public final String name() {
        return "sms";
    }

    @Override
    public final boolean canReach(Recipient recipient) {
        return recipient.phone() != null && recipient.phone().matches("\\+[1-9][0-9]{6,14}");
    }
}
