-- Rows the radius-sql target writes for a booking's registered devices (MAC authentication with a per-guest
-- PSK in the reply) carry the booking's user name, so they can be found and removed again. FreeRADIUS' own
-- queries name their columns and ignore this one.
ALTER TABLE radcheck ADD COLUMN hub_owner VARCHAR(64);
ALTER TABLE radreply ADD COLUMN hub_owner VARCHAR(64);
ALTER TABLE radusergroup ADD COLUMN hub_owner VARCHAR(64);
CREATE INDEX radcheck_owner ON radcheck (hub_owner);
CREATE INDEX radreply_owner ON radreply (hub_owner);
CREATE INDEX radusergroup_owner ON radusergroup (hub_owner);
