/**
 * What each recommended index did to the search it serves in Session Desk's own bench:
 * `npm run bench -- --size full --with-trigram` (10M radacct rows, 150k online, 2 cores,
 * PostgreSQL 15), app medians for the page the Sessions table opens with (100 rows),
 * without any recommended index and then with all of them (2026-12-02, one run). Measured, not
 * estimated: rerun the bench and update these after a change to search or to the indexes.
 */
const measured: Readonly<Record<string, string>> = {
  // Through the app on the --partitioned dataset (10M rows in monthly partitions), before
  // and after creating it, 2026-12-02.
  radacct_online_start_idx: 'online page 1 (1000 rows), partitioned: 2308 ms → 34 ms',
  // The stat row alone, and one refresh's database time (its statements through psql,
  // added up), without and with the recommended indexes; second session of 2026-12-02.
  // From a later full run the same day, after the refresh's statements were kept prepared.
  radacct_online_nas_idx: 'stat row: 11.4 ms → 9.4 ms; database time per refresh 12.8 → 10.0 ms',
  radacct_online_username_trgm_idx: "online search 'u1079': 328 ms → 1.9 ms",
  radacct_online_framedip_octets_trgm_idx: "online search '100.64.1': 154 ms → 10 ms",
  radacct_online_mac_trgm_idx: "online search 'c4-ca-42-38': 308 ms → 1.7 ms",
  radacct_online_username_idx: "online search 'Sara Karimi': 1879 ms → 14 ms",
  subscribers_full_name_trgm_idx: "search 'Sara Karimi': online 1879 ms → 14 ms",
  radacct_username_trgm_idx: "history search 'u1079': cut off at 5 s → 68 ms",
  radacct_framedip_octets_trgm_idx: "history search '100.64.1': 234 ms → 76 ms",
  radacct_mac_digits_trgm_idx: "history search 'c4ca.4238': cut off at 5 s → 78 ms",
  radacct_acctsessionid_idx: "history search '81000001': cut off at 5 s → 71 ms",
  radacct_username_idx: "history search 'Sara Karimi': 496 ms → 49 ms",
};

/** The bench's figure for an index, or null where it has no case for it. */
export function measuredEffect(indexName: string): string | null {
  return measured[indexName] ?? null;
}
