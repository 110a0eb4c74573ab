import type { BulkSelection } from '@contract';

/**
 * A bulk selection in words, for the confirmation, the progress bar and the audit log. A
 * filter's NAS goes by its name when the NAS directory has one: "bng-east (127.0.10.7)".
 */
export function describeSelection(selection: BulkSelection, nasName: string | null): string {
  switch (selection.kind) {
    case 'user':
      return `every open session of ${selection.username}`;
    case 'sessions': {
      const count = selection.radacctIds.length;
      return `${count.toLocaleString('en')} selected ${count === 1 ? 'session' : 'sessions'}`;
    }
    case 'filter': {
      const nasIp = selection.filter.nasIp?.trim();
      const search = selection.filter.search.trim();
      const nas = nasIp ? (nasName ? `${nasName} (${nasIp})` : nasIp) : null;
      const onNas = nas ? ` on NAS ${nas}` : ' on every NAS';
      const matching = search ? ` matching "${search}"` : '';
      return `online sessions${onNas}${matching}`;
    }
  }
}
