/**
 * Dataset sizes. `full` is the size DESIGN §7 states its budgets on; `huge` is a large ISP's
 * (50M rows, 300k online); `quick` keeps the same shape (history about 13x the online set) small enough to build in seconds.
 */
export interface DatasetSize {
  name: 'quick' | 'full' | 'huge';
  /** Every radacct row: history plus the online set. */
  totalRows: number;
  onlineRows: number;
  /** Subscribers in the panel tables; each online session belongs to a different one. */
  subscribers: number;
}

export const datasetSizes: Record<DatasetSize['name'], DatasetSize> = {
  quick: { name: 'quick', totalRows: 200_000, onlineRows: 15_000, subscribers: 20_000 },
  full: { name: 'full', totalRows: 10_000_000, onlineRows: 150_000, subscribers: 200_000 },
  // A large ISP: needs about 25 GB of disk and an hour or more to build on 2 cores.
  huge: { name: 'huge', totalRows: 50_000_000, onlineRows: 300_000, subscribers: 400_000 },
};

/** Bumped whenever generate.sql changes what it writes, so an older dataset is rebuilt. */
export const generatorVersion = 3;
