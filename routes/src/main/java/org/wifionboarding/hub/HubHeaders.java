package org.wifionboarding.hub;

/**
 * The message contract between the hub's stages, in one place (like camel-jms' {@code JmsConstants}).
 *
 * <p>Headers travel with a message across the hub's queues; a route that consumes a queue may rely on the headers
 * its producer sets, as listed here. Exchange properties live within one route run and never reach the broker.
 * Broker headers are Artemis' own names ({@code org.apache.activemq.artemis.api.core.Message}), named here so no
 * route spells them.
 */
public final class HubHeaders {

    // --- headers: set at intake, carried through every stage -------------------------------------------------

    /** The source that sent the event ({@code mews}, {@code opera}, ...): every queue. */
    public static final String SOURCE = "HubSource";
    /** The hub's event id, derived from source + the source's own key, the same on every copy and node. */
    public static final String EVENT_ID = "HubEventId";
    /** The source's de-duplication key the event id was derived from ({@code hub.inbound}). */
    public static final String DEDUPE_KEY = "HubDedupeKey";
    /** When the hub accepted the event, in milliseconds since the epoch, a {@code long} ({@code hub.inbound}). */
    public static final String RECEIVED_AT = "HubReceivedAt";
    /** The source's booking id ({@code hub.booking-events} onwards); with {@link #SOURCE} it is a {@code BookingRef}. */
    public static final String BOOKING_ID = "HubBookingId";
    /** {@code reconciliation} when the event was made by reconciliation, not sent by the source. */
    public static final String ORIGIN = "HubOrigin";
    /** The delivery's idempotency token ({@code hub.delivery*}): one per credential and channel plan. */
    public static final String DELIVERY_TOKEN = "HubDeliveryToken";
    /** The delivery channel of a message on {@code hub.delivery.<channel>}. */
    public static final String CHANNEL = "HubChannel";
    /** The stage the stall watch resumes ({@code provision} or {@code deliver}). */
    public static final String STALLED_STAGE = "HubStalledStage";
    /** Why the hub dead-lettered a message itself. */
    public static final String FAILURE = "HubFailure";
    /** How often a delivery has looked for a usable credential and found provisioning not done yet. */
    public static final String PROVISIONING_WAITS = "HubProvisioningWaits";
    /** How often a vendor's Retry-After has rescheduled this message. */
    public static final String RETRY_AFTER_ATTEMPTS = "HubRetryAfterAttempts";

    // --- broker headers (JMS and Artemis names) ---------------------------------------------------------------

    /** JMS message group: one booking's messages are consumed in order, by one consumer at a time. */
    public static final String GROUP_ID = "JMSXGroupID";
    /** Artemis' duplicate-detection id ({@code Message.HDR_DUPLICATE_DETECTION_ID}). */
    public static final String ARTEMIS_DUPLICATE_ID = "_AMQ_DUPL_ID";
    /** Artemis' scheduled delivery time, epoch millis ({@code Message.HDR_SCHEDULED_DELIVERY_TIME}). */
    public static final String ARTEMIS_SCHEDULED_DELIVERY = "_AMQ_SCHED_DELIVERY";
    /** The address a dead-lettered message came from ({@code Message.HDR_ORIGINAL_ADDRESS}). */
    public static final String ARTEMIS_ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";

    // --- exchange properties: within one route run -----------------------------------------------------------

    /** The broker delivery this run is, from 1. */
    public static final String BROKER_ATTEMPT = "hubBrokerAttempt";
    /** The queue the message was consumed from (its original address when dead-lettered). */
    public static final String CONSUMED_FROM = "hubConsumedFrom";
    /** Intake: the raw body as received. */
    public static final String PAYLOAD = "hubPayload";
    /** Intake: the parsed JSON body. */
    public static final String PARSED = "hubParsed";
    /** Intake: the schema the body was validated against. */
    public static final String SCHEMA = "hubSchema";
    /** Intake: the event id this copy duplicates. */
    public static final String DUPLICATE_OF = "hubDuplicateOf";
    /** Lifecycle: what applying an event asks the route to send on ({@code LifecycleOutcome}). */
    public static final String OUTCOME = "outcome";
    /** Admin and desk: who is acting (the name of the token used), for the audit trail. */
    public static final String ACTOR = "hubActor";
    /** Admin: the answer to a credential issued at the front desk, waiting for its provisioning message to be sent. */
    public static final String DESK_ANSWER = "hubDeskAnswer";
    /** Admin: what an erasure did ({@code GuestErasure.Erasure}), kept while the revoked credentials are reconciled away. */
    public static final String ERASURE = "hubErasure";
    /** Intake: this node's claim on the event's key, completed with the owner once the event is accepted. */
    public static final String INGEST_CLAIM = "hubIngestClaim";
    /** Reconciliation: the run being fed ({@code Reconciler.Run}), whose window's end becomes the cursor once it is fed. */
    public static final String RECONCILE_RUN = "hubReconcileRun";
    /** Delivery: the pending delivery being worked on. */
    public static final String DELIVERY = "hubDelivery";
    /** Delivery: what the dispatcher decided to do with the message ({@code DeliveryDispatch.Decision}). */
    public static final String DELIVERY_DISPATCH = "hubDeliveryDispatch";
    /** Delivery: this consumer holds the send's claim (lease). */
    public static final String DELIVERY_CLAIMED = "hubDeliveryClaimed";
    /** Delivery: the claimed send, ready to go ({@code ChannelSend.Prepared}: its attempt row, due time, recipient and notice). */
    public static final String DELIVERY_PREPARED = "hubDeliveryPrepared";
    /** Delivery: the provider's answer to a successful send. */
    public static final String DELIVERY_SENT = "hubDeliverySent";
    /** Delivery: set when the delivery is to be tried on the next channel of the plan, now. */
    public static final String DELIVERY_NEXT = "hubDeliveryNext";
    /** Delivery: set when no channel is left and the front desk takes over. */
    public static final String DELIVERY_FRONT_DESK = "hubDeliveryFrontDesk";
    /** Admin resend: the channel asked for. */
    public static final String RESEND_CHANNEL = "hubResendChannel";
    /** Provider status callbacks: the provider that posted ({@code twilio}), from {@code /webhooks/callbacks/{provider}}. */
    public static final String CALLBACK_PROVIDER = "hubCallbackProvider";
    /** Device registration: the outcome record. */
    public static final String DEVICE_OUTCOME = "hubDeviceOutcome";

    private HubHeaders() {
    }

    // --- lifecycle events out (hub.lifecycle-events, hub.events, hub.subscriber.<name>) ------------------------------

    /** The event's type as subscribers see it ({@code credential.usable}); a selector of topic consumers can filter on it. */
    public static final String EVENT_TYPE = "HubEventType";
    /** The booking's venue id; a selector of topic consumers can filter on it. */
    public static final String VENUE = "HubVenue";
    /** The event's Standard Webhooks id, the same on every copy. */
    public static final String WEBHOOK_ID = "HubWebhookId";
    /** The event's number within its booking (1, 2, ...). */
    public static final String EVENT_SEQUENCE = "HubEventSequence";
    /** The number of the booking's event this subscriber must have taken first, or 0 ({@code hub.subscriber.<name>}). */
    public static final String EVENT_PREVIOUS = "HubEventPrevious";

    /** Property: what a stage did, from which {@code Announcements} derives candidate events. */
    public static final String ANNOUNCE = "hubAnnounce";
    /** Property: the booking as the announcing stage's transaction wrote it, which {@code Announcements} then need not read. */
    public static final String ANNOUNCED_BOOKING = "hubAnnouncedBooking";
    /** Property: where the publish stage sends one message ({@code topic:hub.events}, {@code queue:hub.subscriber.x}). */
    public static final String EVENT_DESTINATION = "hubEventDestination";
    /** Property: the subscriber a {@code hub.subscriber.<name>} route serves. */
    public static final String SUBSCRIBER = "hubSubscriber";
}
