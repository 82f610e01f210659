-- an operator's replay of a review item: when, and what the hub answered (202 accepted, 200 a copy, 4xx refused again)
ALTER TABLE review_item ADD COLUMN replayed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE review_item ADD COLUMN replay_status INTEGER;
