import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosave, type SaveState } from './autosave.ts';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

function setup(save = vi.fn(async () => {})) {
  const states: SaveState[] = [];
  const a = createAutosave({ delay: 400, save, onstate: (s) => states.push(s) });
  return { a, save, states };
}

describe('createAutosave', () => {
  it('saves once after the last change of a burst', async () => {
    const { a, save, states } = setup();
    a.schedule();
    await vi.advanceTimersByTimeAsync(300);
    a.schedule();
    await vi.advanceTimersByTimeAsync(300);
    expect(save).not.toHaveBeenCalled();
    expect(a.state).toBe('unsaved');
    await vi.advanceTimersByTimeAsync(100);
    expect(save).toHaveBeenCalledTimes(1);
    expect(a.state).toBe('saved');
    expect(states).toEqual(['unsaved', 'unsaved', 'saving', 'saved']);
  });

  it('flush saves at once, and does nothing when nothing changed', async () => {
    const { a, save } = setup();
    await a.flush();
    expect(save).not.toHaveBeenCalled();
    a.schedule();
    await a.flush();
    expect(save).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('never overlaps saves: a change during a save is saved after it', async () => {
    let release!: () => void;
    const save = vi.fn(() => new Promise<void>((r) => (release = r)));
    const { a } = setup(save);
    a.schedule();
    await vi.advanceTimersByTimeAsync(400);
    expect(a.state).toBe('saving');
    a.schedule();
    const second = a.flush();
    expect(save).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(2);
    release();
    await second;
    expect(a.state).toBe('saved');
  });

  it('reports a failed save and retries on the next change', async () => {
    const save = vi.fn().mockRejectedValueOnce(new Error('quota')).mockResolvedValue(undefined);
    const { a } = setup(save);
    a.schedule();
    await a.flush();
    expect(a.state).toBe('error');
    await a.flush();
    expect(save).toHaveBeenCalledTimes(2);
    expect(a.state).toBe('saved');
  });

  it('cancel forgets pending changes', async () => {
    const { a, save } = setup();
    a.schedule();
    a.cancel();
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).not.toHaveBeenCalled();
    expect(a.state).toBe('saved');
  });
});
