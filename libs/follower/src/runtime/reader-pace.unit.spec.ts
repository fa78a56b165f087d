import { ReaderPace } from './reader-pace';

const settled = async (promise: Promise<unknown>): Promise<boolean> => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe('ReaderPace', () => {
  const pace = (head = 1_000_000, stallMs = 60_000) =>
    new ReaderPace({ maxLead: 100, maxGap: 1000, tail: 50, stallMs, head: async () => head });

  it('lets a reader within maxLead of every other reader read at once', async () => {
    const p = pace();
    p.advance('slow', 1000);
    p.advance('fast', 1100);
    expect(await settled(p.turn('fast', 1100))).toBe(true);
  });

  it('holds a reader more than maxLead ahead until the slowest one comes within maxLead', async () => {
    const p = pace();
    p.advance('slow', 1000);
    p.advance('middle', 1050);
    p.advance('fast', 1300);
    const turn = p.turn('fast', 1300);
    expect(await settled(turn)).toBe(false);
    p.advance('slow', 1150);
    expect(await settled(turn)).toBe(false); // still 150 ahead of it
    p.advance('slow', 1200);
    expect(await settled(turn)).toBe(false); // 'middle' is now the slowest, 250 behind
    p.advance('middle', 1250);
    expect(await settled(turn)).toBe(true);
  });

  it('never holds the slowest reader, nor one at the tail of the log', async () => {
    const p = pace(1300);
    p.advance('slow', 1000);
    p.advance('fast', 1250);
    expect(await settled(p.turn('slow', 1000))).toBe(true);
    expect(await settled(p.turn('fast', 1250))).toBe(true);
  });

  it('does not wait for a reader too far behind to reach the pages read now (back from an outage)', async () => {
    const p = pace();
    p.advance('slow', 1000);
    p.advance('fast', 2001);
    expect(await settled(p.turn('fast', 2001))).toBe(true);
  });

  it('stops waiting for a reader that has not moved for stallMs (it backs off, or stands by)', async () => {
    const p = pace(1_000_000, 50);
    p.advance('stuck', 1000);
    p.advance('fast', 1500);
    const started = Date.now();
    await p.turn('fast', 1500);
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
    // Stalled already: the next turn does not wait at all.
    expect(await settled(p.turn('fast', 1500))).toBe(true);
  });

  it('never moves a reader backwards (a read ahead, then the batch again after a failure)', async () => {
    const p = pace();
    p.advance('slow', 1000);
    p.advance('slow', 500);
    p.advance('fast', 1100);
    expect(await settled(p.turn('fast', 1100))).toBe(true);
  });

  it('reads without waiting when the head of the log cannot be read', async () => {
    const p = new ReaderPace({
      maxLead: 100,
      maxGap: 1000,
      tail: 50,
      stallMs: 60_000,
      head: () => Promise.reject(new Error('connection refused')),
    });
    p.advance('slow', 0);
    p.advance('fast', 500);
    expect(await settled(p.turn('fast', 500))).toBe(true);
  });
});
