import { defaultDropThresholds } from '@contract';
import { describe, expect, it } from 'vitest';
import { openLocalStore } from '../../../src-main/local-store';
import { auditEntry, profileDraft, useStoreFolder } from './fixtures';

const folder = useStoreFolder();

const acknowledgement = (nasIp: string) => ({
  ...auditEntry(),
  action: 'acknowledge-drop' as const,
  username: '',
  nasIp,
  acctSessionId: null,
  radacctId: null,
  path: null,
});

describe('drop thresholds and acknowledgements', () => {
  it('start at the defaults, are kept per profile, and go with the profile', () => {
    const store = openLocalStore(folder.file, folder.sealer);
    try {
      const core = store.profiles.save(profileDraft({ name: 'Core' }));
      const edge = store.profiles.save(profileDraft({ name: 'Edge' }));
      expect(store.nasHealth.thresholds(core.id)).toEqual(defaultDropThresholds);
      const strict = { dropPercent: 30, minSessions: 5, windowMinutes: 2, massEndSessions: 10 };
      store.nasHealth.setThresholds(core.id, strict);
      expect(store.nasHealth.thresholds(core.id)).toEqual(strict);
      expect(store.nasHealth.thresholds(edge.id)).toEqual(defaultDropThresholds);
      store.nasHealth.setThresholds(core.id, { ...strict, windowMinutes: 9 });
      expect(store.nasHealth.thresholds(core.id).windowMinutes).toBe(9);
      store.profiles.delete(core.id);
      expect(store.nasHealth.thresholds(core.id)).toEqual(defaultDropThresholds);
    } finally {
      store.close();
    }
  });

  it('acknowledge once per profile and alert, audited once; the first acknowledgement stands', () => {
    const store = openLocalStore(folder.file, folder.sealer);
    try {
      const core = store.profiles.save(profileDraft({ name: 'Core' }));
      const edge = store.profiles.save(profileDraft({ name: 'Edge' }));
      const id = '127.0.10.3@2026-11-21T03:12:00.000Z';
      const first = store.nasHealth.acknowledge(core.id, id, {
        ...acknowledgement('127.0.10.3'),
        at: '2026-11-21T03:20:00Z',
      });
      const second = store.nasHealth.acknowledge(core.id, id, {
        ...acknowledgement('127.0.10.3'),
        at: '2026-11-21T03:25:00Z',
      });
      expect(second).toEqual(first);
      expect(first.at).toBe('2026-11-21T03:20:00Z');
      expect(store.nasHealth.acknowledged(core.id, [id, 'other'])).toEqual(new Map([[id, first]]));
      expect(store.nasHealth.acknowledged(edge.id, [id])).toEqual(new Map());
      expect(store.nasHealth.acknowledged(core.id, [])).toEqual(new Map());
      expect(
        store.audit.list(core.id, {
          limit: 10,
          beforeId: null,
          runId: null,
          result: null,
          nasIp: null,
        }),
      ).toHaveLength(1);
    } finally {
      store.close();
    }
  });
});
