import type { Handlers } from '@contract';
import type { ExportJobs } from './export-jobs';

type ExportMethod = Extract<keyof Handlers, `export.${string}`>;

/** The export methods of the contract, spread into the service's handlers. */
export function createExportHandlers(exports: ExportJobs): Pick<Handlers, ExportMethod> {
  return {
    'export.count': async ({ filter }) => exports.count(filter),
    'export.start': async (input) => exports.start(input),
    'export.cancel': async ({ exportId }) => exports.cancel(exportId),
    'export.status': async ({ exportId }) => exports.status(exportId),
  };
}
