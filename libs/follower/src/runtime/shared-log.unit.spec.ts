import { arraySource, event } from '../testing/in-memory-follower';
import { SharedLog } from './shared-log';

describe('SharedLog', () => {
  const events = Array.from({ length: 2500 }, (_, i) => event(i % 2 ? 'a' : 'b', i + 1));
  const counted = () => {
    const source = arraySource(events);
    let reads = 0;
    return {
      source: { ...source, readAll: (o: { after: number; maxCount: number }) => (reads++, source.readAll(o)) },
      reads: () => reads,
    };
  };

  it('gives every reader the events after its position, in order, whatever the batch size', async () => {
    const { source } = counted();
    const log = SharedLog.of(source);
    expect((await log.readAll({ after: 0, maxCount: 1000 })).map((e) => e.globalPosition)).toEqual(
      events.slice(0, 1000).map((e) => e.globalPosition),
    );
    expect((await log.readAll({ after: 950, maxCount: 100 })).map((e) => e.globalPosition)).toEqual(
      events.slice(950, 1050).map((e) => e.globalPosition),
    );
    expect((await log.readAll({ after: 1800, maxCount: 5000 })).map((e) => e.globalPosition)).toEqual(
      events.slice(1800).map((e) => e.globalPosition),
    );
    expect(await log.readAll({ after: 2500, maxCount: 10 })).toEqual([]);
  });

  it('reads a complete page once for every follower of the process; the tail of the log every time', async () => {
    const { source, reads } = counted();
    const log = SharedLog.of(source);
    await Promise.all([
      log.readAll({ after: 0, maxCount: 1000 }),
      log.readAll({ after: 0, maxCount: 1000 }),
      log.readAll({ after: 200, maxCount: 500 }),
    ]);
    expect(reads()).toBe(1);
    await log.readAll({ after: 2000, maxCount: 1000 });
    await log.readAll({ after: 2000, maxCount: 1000 });
    expect(reads()).toBe(3);
  });

  it(
    'at the tail, asks the store only for the events after the last one it holds, and still sees every new ' + 'one',
    async () => {
      const growing = events.slice(0, 1200);
      const asked: { after: number; maxCount: number }[] = [];
      const base = arraySource(growing);
      const log = SharedLog.of({
        ...base,
        readAll: (o: { after: number; maxCount: number }) => (asked.push(o), base.readAll(o)),
      });
      expect((await log.readAll({ after: 1100, maxCount: 1000 })).map((e) => e.globalPosition)).toEqual(
        events.slice(1100, 1200).map((e) => e.globalPosition),
      );
      growing.push(...events.slice(1200, 1205));
      expect((await log.readAll({ after: 1200, maxCount: 1000 })).map((e) => e.globalPosition)).toEqual([
        1201, 1202, 1203, 1204, 1205,
      ]);
      expect((await log.readAll({ after: 1150, maxCount: 1000 })).map((e) => e.globalPosition)).toEqual(
        events.slice(1150, 1205).map((e) => e.globalPosition),
      );
      expect(asked.map((o) => o.after)).toEqual([1000, 1200, 1205]);
      expect(asked[2]!.maxCount).toBe(795);
    },
  );

  it('drops a page whose read failed, so the next read asks the store again', async () => {
    const base = arraySource(events);
    let fail = true;
    const log = SharedLog.of({
      ...base,
      readAll: (o: { after: number; maxCount: number }) =>
        fail ? ((fail = false), Promise.reject(new Error('connection refused'))) : base.readAll(o),
    });
    await expect(log.readAll({ after: 2400, maxCount: 10 })).rejects.toThrow('connection refused');
    expect((await log.readAll({ after: 2400, maxCount: 10 })).map((e) => e.globalPosition)).toEqual(
      events.slice(2400, 2410).map((e) => e.globalPosition),
    );
  });

  describe('followers that read at different speeds (a catch-up)', () => {
    const log40k = Array.from({ length: 40_000 }, (_, i) => event('t', i + 1));
    const follow = async (
      source: ReturnType<typeof SharedLog.of>,
      name: string,
      keepsPace: boolean,
      pauseMs: number,
    ) => {
      const reader = source.reader(name, keepsPace);
      let after = 0;
      for (;;) {
        const batch = await reader.readAll({ after, maxCount: 1000 });
        if (batch.length === 0) return;
        expect(batch[0]!.globalPosition).toBe(after + 1);
        after = batch[batch.length - 1]!.globalPosition;
        if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    };
    const counting = () => {
      const base = arraySource(log40k);
      let reads = 0;
      return { log: SharedLog.of({ ...base, readAll: (o) => (reads++, base.readAll(o)) }), reads: () => reads };
    };

    it('one that keeps pace waits for the slow one, so each page of the log is read once', async () => {
      const { log, reads } = counting();
      await Promise.all([follow(log, 'slow', false, 5), follow(log, 'fast', true, 0)]);
      // 40 pages, and the empty read at the end of each follower. Within the tail (2 pages) the fast one runs free.
      expect(reads()).toBeLessThanOrEqual(44);
    });

    it('one that does not keep pace (the read-model projector) runs ahead, and the slow one reads again', async () => {
      const { log, reads } = counting();
      await Promise.all([follow(log, 'slow', true, 5), follow(log, 'fast', false, 0)]);
      expect(reads()).toBeGreaterThan(50);
    });
  });

  it('under a store with read views, reads the stored events once and gives each follower its view', async () => {
    const stored = arraySource(events);
    let storedReads = 0;
    const opened: number[] = [];
    const store = {
      ...stored,
      inner: { ...stored, readAll: (o: { after: number; maxCount: number }) => (storedReads++, stored.readAll(o)) },
      openedView: async (batch: typeof events) => {
        opened.push(batch.length);
        return batch.map((e) => ({ ...e, data: { ...e.data, opened: true } }));
      },
      sealedView: (batch: typeof events) => batch,
    };
    const log = SharedLog.of(store);
    const [clear, sealed] = await Promise.all([
      log.reader('projector', false, 'opened').readAll({ after: 0, maxCount: 1000 }),
      log.reader('publisher', true, 'sealed').readAll({ after: 0, maxCount: 1000 }),
    ]);
    expect(storedReads).toBe(1);
    expect(opened).toEqual([1000]);
    expect(clear.every((e) => e.data.opened === true)).toBe(true);
    expect(sealed.every((e) => e.data.opened === undefined)).toBe(true);
    expect(sealed.map((e) => e.globalPosition)).toEqual(clear.map((e) => e.globalPosition));
  });

  it('hands out frozen events under test, so a handler that changes one fails loudly', async () => {
    const [first] = await SharedLog.of(counted().source).readAll({ after: 0, maxCount: 1 });
    expect(() => {
      (first!.data as Record<string, unknown>).tenantId = 'changed';
    }).toThrow(TypeError);
  });
});
