// What this operator may do, as main says. Main checks every call anyway; the page only
// uses this to hide what would be refused. Nothing is shown before main has answered.
import type { Permission } from '@contract';
import { request } from '../request';

class OperatorPermissions {
  private granted = $state.raw<ReadonlySet<Permission>>(new Set());

  get canDisconnect(): boolean {
    return this.granted.has('subscribers.disconnect');
  }

  async load(): Promise<void> {
    const result = await request('operator.permissions', {});
    // A failed read leaves the controls hidden: main would refuse them the same way.
    if (result.ok) this.granted = new Set(result.data.granted);
  }
}

export const operatorPermissions = new OperatorPermissions();
