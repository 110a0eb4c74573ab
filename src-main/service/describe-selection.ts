import type { BulkSelection } from '@contract';

/** A bulk selection in words, for the confirmation, the progress bar and the audit log. */
export function describeSelection(selection: BulkSelection): string {
  switch (selection.kind) {
    case 'user':
      return `every open session of ${selection.username}`;
    case 'sessions': {
      const count = selection.radacctIds.length;
      return `${count.toLocaleString('en')} selected ${count === 1 ? 'session' : 'sessions'}`;
    }
    case 'filter': {
      const { nasIp, search } = selection.filter;
      const onNas = nasIp ? ` on NAS ${nasIp}` : ' on every NAS';
      const matching = search.trim() ? ` matching "${search.trim()}"` : '';
      return `online sessions${onNas}${matching}`;
    }
  }
}
