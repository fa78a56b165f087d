import { arraySource, event } from '../testing/in-memory-follower';
import { SharedLog } from './shared-log';

describe('SharedLog', () => {
  const events = Array.from({ length: 2500 }, (_, i) => event(i % 2 ? 'a' : 'b', i + 1));
  const counted = () => {
    const source = arraySource(events);
    let reads = 0;
    return { source: { ...source, readAll: (o: { after: number; maxCount: number }) => (reads++, source.readAll(o)) }, reads: () => reads };
  };

  it('gives every reader the events after its position, in order, whatever the batch size', async () => {
    const { source } = counted();
    const log = SharedLog.of(source);
    expect((await log.readAll({ after: 0, maxCount: 1000 })).map((e) => e.globalPosition)).toEqual(events.slice(0, 1000).map((e) => e.globalPosition));
    expect((await log.readAll({ after: 950, maxCount: 100 })).map((e) => e.globalPosition)).toEqual(events.slice(950, 1050).map((e) => e.globalPosition));
    expect((await log.readAll({ after: 1800, maxCount: 5000 })).map((e) => e.globalPosition)).toEqual(events.slice(1800).map((e) => e.globalPosition));
    expect(await log.readAll({ after: 2500, maxCount: 10 })).toEqual([]);
  });

  it('reads a complete page once for every follower of the process; the tail of the log every time', async () => {
    const { source, reads } = counted();
    const log = SharedLog.of(source);
    await Promise.all([log.readAll({ after: 0, maxCount: 1000 }), log.readAll({ after: 0, maxCount: 1000 }), log.readAll({ after: 200, maxCount: 500 })]);
    expect(reads()).toBe(1);
    await log.readAll({ after: 2000, maxCount: 1000 });
    await log.readAll({ after: 2000, maxCount: 1000 });
    expect(reads()).toBe(3);
  });

  it('a reader inside a page no one has read reads only the rest of it (at the head: only what is new)', async () => {
    const source = arraySource(events);
    const asked: Array<{ after: number; maxCount: number }> = [];
    const log = SharedLog.of({ ...source, readAll: (o: { after: number; maxCount: number }) => (asked.push(o), source.readAll(o)) });
    expect((await log.readAll({ after: 2450, maxCount: 1000 })).map((e) => e.globalPosition)).toEqual(events.slice(2450).map((e) => e.globalPosition));
    expect(asked).toEqual([{ after: 2450, maxCount: 550 }]);
    expect((await log.readAll({ after: 1500, maxCount: 700 })).map((e) => e.globalPosition)).toEqual(events.slice(1500, 2200).map((e) => e.globalPosition));
    expect(asked.slice(1)).toEqual([{ after: 1500, maxCount: 500 }, { after: 2000, maxCount: 1000 }]);
  });

  it('hands out frozen events under test, so a handler that changes one fails loudly', async () => {
    const [first] = await SharedLog.of(counted().source).readAll({ after: 0, maxCount: 1 });
    expect(() => {
      (first!.data as Record<string, unknown>).tenantId = 'changed';
    }).toThrow(TypeError);
  });
});
