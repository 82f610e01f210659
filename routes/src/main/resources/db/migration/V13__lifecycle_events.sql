-- Lifecycle events out (docs/events.md). One row per transition the hub announced for a booking, numbered in the order
-- they were published (seq, per booking): the unique (type, key) makes a transition announced twice one event, and
-- emitted_by (the broker message that first announced it) lets a redelivery of that message publish it again with the
-- same webhook id. Ids and times only: no personal data.
CREATE TABLE lifecycle_event (
    source      VARCHAR(64)  NOT NULL,
    booking_id  VARCHAR(200) NOT NULL,
    seq         INTEGER      NOT NULL,
    event_type  VARCHAR(48)  NOT NULL,
    event_key   VARCHAR(100) NOT NULL,
    webhook_id  VARCHAR(64)  NOT NULL,
    emitted_by  VARCHAR(200) NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (source, booking_id, seq),
    CONSTRAINT lifecycle_event_once UNIQUE (source, booking_id, event_type, event_key)
);
CREATE INDEX lifecycle_event_type ON lifecycle_event (event_type, source, booking_id);

-- Which of those events each webhook subscriber has acknowledged (a 2xx): a copy after a crash is not sent again,
-- and a booking's later event waits until its earlier one is through (per-booking order).
CREATE TABLE subscriber_delivery (
    subscriber   VARCHAR(64)  NOT NULL,
    source       VARCHAR(64)  NOT NULL,
    booking_id   VARCHAR(200) NOT NULL,
    seq          INTEGER      NOT NULL,
    delivered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (subscriber, source, booking_id, seq)
);
