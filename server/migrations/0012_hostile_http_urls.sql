-- Web addresses people entered before they were checked: only http(s) ones stay, so no page ever
-- links to a javascript:, data: or file: address.
UPDATE donor_profile SET website = NULL WHERE website IS NOT NULL AND website !~* '^https?://[^/@[:space:]]+';
