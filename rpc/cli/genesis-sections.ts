/**
 * The application sections `tfr genesis check` (and `tfr testnet`) accept: each module with a
 * genesis section (pool, dao, farming, hub registry) adds its parser here. A file with a section
 * not listed is rejected as GENESIS_UNKNOWN_FIELD, exactly as the node would.
 */
import { parsePoolSection } from '../../defi/pool-genesis.ts';
import type { SectionParsers } from '../../genesis/section-parser.ts';

export function cliGenesisSections(): SectionParsers {
  return { pool: parsePoolSection };
}
