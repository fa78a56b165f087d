export const PersonalDataTables = {
  /** One row per person: the data key wrapped by a key-encryption key, or the time it was destroyed. */
  keys: 'personal_data_keys',
} as const;
