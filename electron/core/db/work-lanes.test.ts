import { describe, expect, it } from 'vitest';
import { backgroundTurn, foregroundLoad } from './work-lanes';
import { yieldToEventLoop } from './for-each-document';

describe('work lanes', () => {
  it("holds a background job's turns while a foreground load runs, and lets it go on once the load ends", async () => {
    const order: string[] = [];
    let finishLoad!: () => void;
    const load = foregroundLoad(
      () =>
        new Promise<void>((resolve) => {
          finishLoad = resolve;
        }),
    );
    const job = (async () => {
      order.push('job starts');
      await backgroundTurn();
      order.push('job goes on');
    })();
    for (let i = 0; i < 5; i++) await yieldToEventLoop();
    expect(order).toEqual(['job starts']);
    order.push('load ends');
    finishLoad();
    await Promise.all([load, job]);
    expect(order).toEqual(['job starts', 'load ends', 'job goes on']);
  });

  it('releases background turns when the foreground load fails, and passes its failure on', async () => {
    let failLoad!: (error: Error) => void;
    const load = foregroundLoad(
      () =>
        new Promise<void>((_resolve, reject) => {
          failLoad = reject;
        }),
    );
    let resumed = false;
    const job = backgroundTurn().then(() => {
      resumed = true;
    });
    for (let i = 0; i < 3; i++) await yieldToEventLoop();
    expect(resumed).toBe(false);
    failLoad(new Error('disk full'));
    await expect(load).rejects.toThrow('disk full');
    await job;
    expect(resumed).toBe(true);
  });

  it('gives a background turn at once (one turn of the event loop) when nothing is loading', async () => {
    await expect(backgroundTurn()).resolves.toBeUndefined();
  });
});
