// Saved filters of the connected profile (main knows which one is active).
import type { ApiError, SavedFilter, SavedFilterInput } from '@contract';
import { request } from '../request';

export class SavedFilters {
  list = $state.raw<SavedFilter[]>([]);
  error = $state.raw<ApiError | null>(null);
  busy = $state(false);

  async load(): Promise<void> {
    const result = await request('filters.list', {});
    if (result.ok) {
      this.list = result.data;
      this.error = null;
    } else {
      this.error = result.error;
    }
  }

  async save(filter: SavedFilterInput): Promise<boolean> {
    this.busy = true;
    const result = await request('filters.save', filter);
    this.busy = false;
    if (!result.ok) {
      this.error = result.error;
      return false;
    }
    this.error = null;
    await this.load();
    return true;
  }

  async remove(id: number): Promise<void> {
    this.busy = true;
    const result = await request('filters.delete', { id });
    this.busy = false;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.error = null;
    this.list = this.list.filter((saved) => saved.id !== id);
  }
}
