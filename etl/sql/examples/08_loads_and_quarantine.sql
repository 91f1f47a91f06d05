-- title: Latest loads and quarantined pages
-- title_uk: Останні завантаження й сторінки в карантині
-- description: The ten latest load runs with their page counts and how many pages each put in quarantine, to check the data is fresh and clean.
select r.run_id, r.command, r.started_at, r.finished_at, r.new_pages, r.updated_pages,
       r.snapshots_added, count(q.sha256) as quarantined
from load_runs r
left join quarantine q using (run_id)
group by all
order by r.run_id desc
limit 10
