-- The 766 indicator needs every dossier received by a period's end that was open, or changed, from
-- its start: two open-ended ranges on two columns, which one B-tree cannot answer, so at a million
-- dossiers the report read every row (≈ 1.4 s for one past day). Grouping by the month received,
-- then ordering by the last change, turns it into one short seek per month (kpi766-spans-repo.ts); the
-- received time at the end keeps the month holding the period's end from costing a row read.
-- A feed row never changed sorts as changed last ('~' is above every digit), as the query counts it.
CREATE INDEX remote_dossiers_span ON remote_dossiers(substr(received_at, 1, 6), coalesce(changed_at, '~'), received_at);
CREATE INDEX dossiers_span ON dossiers(substr(ngay_tiep_nhan, 1, 7), updated_at, ngay_tiep_nhan);
-- Open dossiers are few; with the day received beside the status they are found without a row read.
-- The new index on this PC's dossiers serves every lookup by status that dossiers_status served.
CREATE INDEX remote_dossiers_open ON remote_dossiers(status, received_at);
CREATE INDEX dossiers_open ON dossiers(trang_thai, ngay_tiep_nhan);
DROP INDEX dossiers_status;
