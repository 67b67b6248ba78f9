/**
 * Application sections of a genesis file ("pool", "dao", "farming", ...). Each module that owns one
 * registers a parser; the file may carry a section only if its parser is registered (otherwise it
 * is GENESIS_UNKNOWN_FIELD, like any other unknown field). A parser returns the section's parsed,
 * validated value (it lands in `genesis.app[name]`, deep-frozen with the rest) or throws a
 * ChainError for a defect, preferably with `details.field` naming the exact path inside the section
 * (e.g. "pool.fee"); otherwise the section's name is used as the field.
 */
export type SectionParser = (value: unknown, field: string) => unknown;

export type SectionParsers = Readonly<Record<string, SectionParser>>;

export interface ParseGenesisOptions {
  readonly sections?: SectionParsers;
}
