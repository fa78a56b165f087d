import {
  carriesPersonalData,
  erasedPersonalData,
  holdsPersonalData,
  joinPersonalData,
  PERSONAL_DATA_FIELD,
  personalDataSubject,
  splitPersonalData,
} from '@lib/domain';
import type { EventToAppend, RecordedEvent } from '@lib/event-store';
import { ERASED, subjectKey, type DataKeys, type Subject } from '../keys/data-keys';
import {
  isEnvelope,
  openPersonalData,
  sealPersonalData,
  type EnvelopeContext,
  type PersonalDataEnvelope,
} from './envelope';

type Data = Record<string, unknown>;

/** One sealed envelope to open, as the audit API finds it next to a record. */
export interface SealedPersonalData extends EnvelopeContext {
  envelope: PersonalDataEnvelope;
}

/**
 * Encrypts the personal attributes of events on their way into the store and decrypts them on
 * their way out (docs/erasure.md). Stored: the kept attributes in clear plus `personalData`, the
 * envelope. Read: the clear data again, with the envelope still attached (the audit chains it);
 * once the person's key is destroyed, the erased view (`erasedPersonalData`), never an error.
 * Events without personal data, and events stored in clear before encryption existed, pass as they are.
 */
export class PersonalDataCodec {
  constructor(readonly keys: DataKeys) {}

  async encode(events: readonly EventToAppend[]): Promise<EventToAppend[]> {
    const subjects = events.map((event) =>
      carriesPersonalData(event.type, event.data) ? personalDataSubject(event.data, event.type) : null,
    );
    const wanted = subjects.filter((s): s is Subject => s !== null);
    if (wanted.length === 0) return [...events];
    const keys = await this.keys.forWriting(wanted);
    return events.map((event, i) => {
      const subject = subjects[i];
      if (!subject) return event;
      const { kept, personal } = splitPersonalData(event.type, event.data);
      const key = keys.get(subjectKey(subject))!;
      // An erased person's personal data is never written again, whatever asks for it.
      if (key === ERASED) return { ...event, data: { ...kept, erased: true } };
      const envelope = sealPersonalData(key, personal, { ...subject, type: event.type, eventId: event.eventId });
      return { ...event, data: { ...kept, [PERSONAL_DATA_FIELD]: envelope } };
    });
  }

  async decode(events: readonly RecordedEvent[]): Promise<RecordedEvent[]> {
    const subjects = events.map((event) =>
      holdsPersonalData(event.type) && isEnvelope(event.data[PERSONAL_DATA_FIELD])
        ? personalDataSubject(event.data, event.type)
        : null,
    );
    const wanted = subjects.filter((s): s is Subject => s !== null);
    const keys = wanted.length > 0 ? await this.keys.forReading(wanted) : new Map();
    return events.map((event, i) => {
      const subject = subjects[i];
      if (!subject)
        return event.data.erased === true && holdsPersonalData(event.type)
          ? { ...event, data: erasedPersonalData(event.type, event.data) }
          : event;
      const envelope = event.data[PERSONAL_DATA_FIELD] as PersonalDataEnvelope;
      const { kept } = splitPersonalData(event.type, event.data);
      const key = keys.get(subjectKey(subject));
      const data: Data =
        key === undefined || key === ERASED
          ? erasedPersonalData(event.type, kept)
          : joinPersonalData(
              kept,
              openPersonalData(key, envelope, { ...subject, type: event.type, eventId: event.eventId }),
            );
      return { ...event, data: { ...data, [PERSONAL_DATA_FIELD]: envelope } };
    });
  }

  /**
   * The events as stored, personal data left sealed (no key is read): what `decode` gives for an
   * erased person, for every person. An event stored for an already erased person reads as
   * `decode` reads it.
   */
  sealedView(events: readonly RecordedEvent[]): RecordedEvent[] {
    return events.map((event) =>
      event.data.erased === true && holdsPersonalData(event.type) && !isEnvelope(event.data[PERSONAL_DATA_FIELD])
        ? { ...event, data: erasedPersonalData(event.type, event.data) }
        : event,
    );
  }

  /** The personal attributes of each envelope, or ERASED; in input order. */
  async open(items: readonly SealedPersonalData[]): Promise<Array<Data | typeof ERASED>> {
    if (items.length === 0) return [];
    const keys = await this.keys.forReading(items);
    return items.map((item) => {
      const key = keys.get(subjectKey(item));
      return key === undefined || key === ERASED ? ERASED : openPersonalData(key, item.envelope, item);
    });
  }
}
