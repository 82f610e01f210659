-- MAC addresses registered for a booking (ClearPass MPSK device accounts need them), sealed like the guest data.
ALTER TABLE booking ADD COLUMN devices_enc BYTEA;
