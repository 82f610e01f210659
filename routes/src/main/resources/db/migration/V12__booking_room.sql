-- the room a stay is in, as the booking system names it: what the front desk looks a guest up by
ALTER TABLE booking ADD COLUMN room VARCHAR(64);
CREATE INDEX booking_venue_room ON booking (venue_id, room);
