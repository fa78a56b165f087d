/**
 * The data keys port: one AES-256 key per (tenant, user), the person whose personal data it
 * protects. `erased` when the key was destroyed (the person's data is erased) or never existed.
 */
export interface Subject {
  tenantId: string;
  userId: string;
}

export const ERASED = 'erased' as const;
export type KeyOrErased = Buffer | typeof ERASED;

export interface DataKeys {
  /** Keys to encrypt with: missing ones are created (durably, before this resolves). An erased subject stays erased. */
  forWriting(subjects: readonly Subject[]): Promise<Map<string, KeyOrErased>>;
  /** Keys to decrypt with; a destroyed or unknown key reads as erased. */
  forReading(subjects: readonly Subject[]): Promise<Map<string, KeyOrErased>>;
  /** Destroys the subject's key (idempotent): from now on its personal data reads as erased, everywhere. */
  destroy(subject: Subject): Promise<void>;
}

export const subjectKey = (subject: Subject): string => `${subject.tenantId}\u0000${subject.userId}`;

/** The owner a data key is wrapped for: unwrapping it as anyone else's key fails. */
export const wrapContext = (subject: Subject): string =>
  `scim-data-key\u0000${subject.tenantId}\u0000${subject.userId}`;

export function uniqueSubjects(subjects: readonly Subject[]): Subject[] {
  const seen = new Map<string, Subject>();
  for (const subject of subjects) seen.set(subjectKey(subject), subject);
  return [...seen.values()];
}
