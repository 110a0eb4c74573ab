// The profile form over the shared FormEditor base: busy and error per call, the notice
// after a save, Delete's confirmation, and the stored password kept to where it was typed.
import type { ProfileSummary, Result } from '@contract';
import { describe, expect, it } from 'vitest';
import { ProfileEditor } from './profile-editor.svelte';
import type { ProfileDraftInput, Profiles } from './profiles.svelte';

const core: ProfileSummary = {
  id: 7,
  name: 'Core BNG',
  host: 'db.isp.example',
  port: 5432,
  database: 'radius',
  user: 'radius',
  sslMode: 'prefer',
  primaryHost: null,
  primaryPort: null,
  passwordSet: true,
};

const refused = {
  ok: false as const,
  error: { code: 'DB_UNREACHABLE' as const, message: 'The database did not answer.' },
};

/** Profiles as main would answer them; each draft saved is noted. */
function editorWith(answers: { save?: Result<ProfileSummary>; remove?: Result<null> } = {}) {
  const saved: ProfileDraftInput[] = [];
  let busyDuringSave: string | null = null;
  const profiles = {
    save: async (draft: ProfileDraftInput) => {
      busyDuringSave = editor.busy;
      saved.push(draft);
      return (
        answers.save ?? {
          ok: true,
          data: { ...core, ...draft, id: core.id, passwordSet: draft.password !== '' },
        }
      );
    },
    remove: async () => answers.remove ?? { ok: true, data: null },
  } as unknown as Profiles;
  const editor = new ProfileEditor(profiles);
  return { editor, saved, busyDuringSave: () => busyDuringSave };
}

describe('ProfileEditor', () => {
  it('keeps the stored password unless told otherwise, and says so when saved', async () => {
    const { editor, saved, busyDuringSave } = editorWith();
    editor.load(core);
    editor.name = 'Core BNG 2';
    editor.dirty = true;
    expect(await editor.save()).not.toBeNull();
    expect(busyDuringSave()).toBe('saving');
    expect(saved[0]!.password).toBeNull();
    expect(editor.busy).toBeNull();
    expect(editor.dirty).toBe(false);
    expect(editor.notice).toBe('Saved "Core BNG 2".');
  });

  it('warns that a new host clears the stored password, and clears it on save', async () => {
    const { editor } = editorWith({
      save: { ok: true, data: { ...core, host: 'other.isp.example', passwordSet: false } },
    });
    editor.load(core);
    editor.host = 'other.isp.example';
    expect(editor.passwordWillClear).toBe(true);
    await editor.save();
    expect(editor.notice).toMatch(/stored password was cleared/);
  });

  it('keeps a refusal in error, with the form as typed', async () => {
    const { editor } = editorWith({ save: refused });
    editor.load(core);
    editor.name = 'Renamed';
    expect(await editor.save()).toBeNull();
    expect(editor.error?.message).toBe('The database did not answer.');
    expect(editor.name).toBe('Renamed');
    expect(editor.busy).toBeNull();
  });

  it('ends Delete’s confirmation whatever main answered', async () => {
    const gone = editorWith();
    gone.editor.load(core);
    gone.editor.confirmingDelete = true;
    expect(await gone.editor.remove()).toBe(true);
    expect(gone.editor.confirmingDelete).toBe(false);

    const kept = editorWith({ remove: refused as Result<null> });
    kept.editor.load(core);
    kept.editor.confirmingDelete = true;
    expect(await kept.editor.remove()).toBe(false);
    expect(kept.editor.confirmingDelete).toBe(false);
    expect(kept.editor.error?.code).toBe('DB_UNREACHABLE');
  });

  it('has nothing to delete for a new profile', async () => {
    const { editor } = editorWith();
    editor.load(null);
    expect(await editor.remove()).toBe(false);
  });
});
