/**
 * The application sections `tfr genesis check` (and `tfr testnet`) accept: those of a regional
 * chain (pool, farming, dao; the hub registry joins with its issue). A file with a section not
 * listed is rejected as GENESIS_UNKNOWN_FIELD, exactly as the node would.
 */
import { regionGenesisSections } from '../../chain/node/region-modules.ts';
import type { SectionParsers } from '../../genesis/section-parser.ts';

export function cliGenesisSections(): SectionParsers {
  return regionGenesisSections();
}
