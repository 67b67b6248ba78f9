export const CODEC_ERRORS = {
  CODEC_MALFORMED: 'The bytes are not valid CBOR (truncated, bad major type, trailing bytes, ...).',
  CODEC_NON_CANONICAL: 'The bytes decode, but are not the one canonical encoding of their value.',
  CODEC_DUPLICATE_KEY: 'A CBOR map repeats a key.',
  CODEC_WRONG_TYPE: 'A field has the wrong type, length or range for its schema.',
} as const;
