-- A donor's home lists the open needs of its province, the most urgent first and, within a
-- priority, those published longest ago (home/repository.ts needsNear). No index gave that order:
-- at national scale the donors of Hanoi sorted the province's 10,800 published needs for each visit
-- to keep five (100-320 ms). Walked in this order, the first open needs of the province come after
-- a few hundred entries, and a donor with no province reads the first entries of the country.
CREATE INDEX need_published_urgency_idx ON need ((CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END), published_at, id)
  WHERE state = 'published';
