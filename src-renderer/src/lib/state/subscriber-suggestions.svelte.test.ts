import type { Result, SubscriberSuggestion } from '@contract';
import { describe, expect, it } from 'vitest';
import { SubscriberSuggestions } from './subscriber-suggestions.svelte';

const subscribers: SubscriberSuggestion[] = [
  { username: 'ana.ortega@fibra.example', fullName: 'Ana Ortega' },
  { username: 'mariana.ortega@fibra.example', fullName: 'Mariana Ortega' },
];

/** Answers from the list above, case-insensitively; each answer waits for release(). */
function finder() {
  const waiting: (() => void)[] = [];
  const asked: string[] = [];
  const suggest = (text: string): Promise<Result<SubscriberSuggestion[]>> => {
    asked.push(text);
    return new Promise((resolve) =>
      waiting.push(() =>
        resolve({
          ok: true,
          data: subscribers.filter((s) => s.username.includes(text.toLowerCase())),
        }),
      ),
    );
  };
  const release = async (index: number): Promise<void> => {
    waiting[index]!();
    await new Promise((done) => setTimeout(done, 0));
  };
  return { finder: new SubscriberSuggestions(suggest, 0), asked, release };
}

const pause = (): Promise<void> => new Promise((done) => setTimeout(done, 5));

describe('SubscriberSuggestions', () => {
  it('asks after a pause and lists the matches', async () => {
    const { finder: f, asked, release } = finder();
    f.type('ORTEGA');
    await pause();
    await release(0);
    expect(asked).toEqual(['ORTEGA']);
    expect(f.open).toBe(true);
    expect(f.suggestions.map((s) => s.username)).toHaveLength(2);
  });

  it('never lets an older answer replace the latest', async () => {
    const { finder: f, release } = finder();
    f.type('ana');
    await pause();
    f.type('mariana');
    await pause();
    await release(1);
    await release(0);
    expect(f.suggestions.map((s) => s.username)).toEqual(['mariana.ortega@fibra.example']);
  });

  it('opens the match for a partial name: "ana.ortega" finds the realm username', async () => {
    const { finder: f, release } = finder();
    f.type('ana.ortega');
    await pause();
    await release(0);
    expect(f.chosen()).toBe('ana.ortega@fibra.example');
  });

  it('walks the matches with the arrows, back round to the text as typed', async () => {
    const { finder: f, release } = finder();
    f.type('ortega');
    await pause();
    await release(0);
    f.move(1);
    expect(f.chosen()).toBe('ana.ortega@fibra.example');
    f.move(1);
    expect(f.chosen()).toBe('mariana.ortega@fibra.example');
    f.move(1);
    expect(f.highlighted).toBe(-1);
    f.move(-1);
    expect(f.chosen()).toBe('mariana.ortega@fibra.example');
  });

  it('asks nothing for blank text, and takes the text as typed when nothing matches', async () => {
    const { finder: f, asked } = finder();
    f.type('   ');
    await pause();
    expect(asked).toEqual([]);
    f.type('nobody');
    expect(f.chosen()).toBe('nobody');
  });
});
