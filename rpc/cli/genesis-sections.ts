/**
 * The application sections `tfr genesis check` accepts: each module with a genesis section (pool,
 * dao, farming, hub registry) adds its parser here. Until then a file with such a section is
 * rejected as GENESIS_UNKNOWN_FIELD, exactly as the node would.
 */
import type { SectionParsers } from '../../genesis/section-parser.ts';

export function cliGenesisSections(): SectionParsers {
  return {};
}
