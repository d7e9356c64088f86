-- server/src/modules/home: home-vetting-counts
-- generated from the repository with an example filter; do not edit (UPDATE_SNAPSHOTS=1 rewrites)

SELECT o.code = ANY($2::text[]) AS board, (SELECT count(*) FROM donor_profile WHERE vetting_status = 'pending') AS pending FROM organisation o WHERE o.id = $1;
-- parameters: ["00000000-0000-4000-8000-000000000001",["ban-qlcda","cuc-htqt"]]
