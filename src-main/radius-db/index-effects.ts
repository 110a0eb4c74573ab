/**
 * What each recommended index did to the search it serves in Session Desk's own bench:
 * `npm run bench -- --size full --with-trigram` (10M radacct rows, 150k online, 2 cores,
 * PostgreSQL 15), app medians, without any recommended index and then with all of them
 * (2026-12-01). Measured, not estimated: rerun the bench and update these after a change
 * to search or to the indexes.
 */
const measured: Readonly<Record<string, string>> = {
  // --partitioned (10M rows in monthly partitions), 2026-12-02.
  radacct_online_start_idx: 'online page 1 (1000 rows), partitioned: 2308 ms → 34 ms',
  radacct_online_username_trgm_idx: "online search 'u1079': 391 ms → 3.2 ms",
  radacct_online_framedip_octets_trgm_idx: "online search '100.64.1': 602 ms → 41 ms",
  radacct_online_mac_trgm_idx: "online search 'c4-ca-42-38': 337 ms → 3.0 ms",
  radacct_online_username_idx: "online search 'Sara Karimi': 1934 ms → 30 ms",
  subscribers_full_name_trgm_idx: "search 'Sara Karimi': online 1934 ms → 30 ms",
  radacct_username_trgm_idx: "history search 'u1079': cut off at 5 s → 24 ms",
  radacct_framedip_octets_trgm_idx: "history search '100.64.1': cut off at 5 s → 1502 ms",
  radacct_mac_digits_trgm_idx: "history search 'c4ca.4238': cut off at 5 s → 9.0 ms",
  radacct_acctsessionid_idx: "history search '81000001': cut off at 5 s → 8.6 ms",
  radacct_username_idx: "history search 'Sara Karimi': cut off at 5 s → 585 ms",
};

/** The bench's figure for an index, or null where it has no case for it. */
export function measuredEffect(indexName: string): string | null {
  return measured[indexName] ?? null;
}
