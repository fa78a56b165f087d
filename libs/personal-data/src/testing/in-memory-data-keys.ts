import { newKey } from '../crypto/aes-gcm';
import { ERASED, subjectKey, type DataKeys, type KeyOrErased, type Subject } from '../keys/data-keys';

/** Data keys in a Map: for unit tests of the codec and of what reads through it. */
export class InMemoryDataKeys implements DataKeys {
  readonly keys = new Map<string, KeyOrErased>();
  writes = 0;

  async forWriting(subjects: readonly Subject[]): Promise<Map<string, KeyOrErased>> {
    this.writes++;
    const out = new Map<string, KeyOrErased>();
    for (const subject of subjects) {
      const key = subjectKey(subject);
      if (!this.keys.has(key)) this.keys.set(key, newKey());
      out.set(key, this.keys.get(key)!);
    }
    return out;
  }

  async forReading(subjects: readonly Subject[]): Promise<Map<string, KeyOrErased>> {
    return new Map(subjects.map((subject) => [subjectKey(subject), this.keys.get(subjectKey(subject)) ?? ERASED]));
  }

  async destroy(subject: Subject): Promise<void> {
    this.keys.set(subjectKey(subject), ERASED);
  }
}
