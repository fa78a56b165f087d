/** Injection token of the PgDataKeys instance (null when encryption is off for a benchmark). */
export const PERSONAL_DATA_KEYS = Symbol('PERSONAL_DATA_KEYS');
/** Injection token of the PersonalDataCodec (null when encryption is off for a benchmark). */
export const PERSONAL_DATA_CODEC = Symbol('PERSONAL_DATA_CODEC');
