import { describe, expect, it } from 'vitest';
import { createState } from '../../core/state';
import { MemoryStorage } from './storage';

describe('MemoryStorage', () => {
  it('loads null before anything is saved', () => {
    expect(new MemoryStorage().load()).toBeNull();
  });

  it('keeps the saved document by reference and hands out deep copies on load', () => {
    const storage = new MemoryStorage();
    const state = createState();
    storage.save(state);
    state.nextOperationNumber = 7; // the host changes its state in place after saving
    const loaded = storage.load();
    expect(loaded).toEqual(state);
    expect(loaded).not.toBe(state);
    loaded!.operations['x'] = {} as never;
    expect(state.operations).toEqual({});
    expect(storage.saves()).toBe(1);
  });

  it('never serializes the document, which holds secrets', () => {
    const storage = new MemoryStorage();
    const state = createState();
    state.secrets.owners['1$smdp.example.com$MATCH-1'] = 'op-1';
    storage.save(state);
    expect(JSON.stringify(storage)).not.toContain('MATCH-1');
    storage.clear();
    expect(storage.hasDocument()).toBe(false);
  });
});
