-- Schools by place, for the twinning map (twinning/repository.ts pairMapCells). The map chooses
-- the pairs with an end in the box on screen by the schools found in it, read from this index
-- alone (its ids are included), instead of joining every live pair to its two schools and then
-- testing their places. The schools not located are few and are kept apart, so the pairs the map
-- cannot draw are counted from them.
CREATE INDEX school_place_idx ON school (lng, lat) INCLUDE (organisation_id) WHERE lat IS NOT NULL AND lng IS NOT NULL;
CREATE INDEX school_unlocated_idx ON school (organisation_id) WHERE lat IS NULL OR lng IS NULL;
