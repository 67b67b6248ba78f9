/**
 * Whether a region's genesis and a Hub's genesis belong together, as `tfr testnet --with-hub` needs
 * before it starts both: the Hub genesis registers the region with the certificate set the region
 * derives from its own validators, and the region's `hub` section names this Hub with its
 * validators in its genesis order (the region's light client checks the Hub's commits with them).
 * A mismatch would only show later as every anchor or claim refused, so it is refused up front.
 */
import { bytesEqual, toHex } from '../../chain/codec/bytes.ts';
import { anchorSectionOf } from '../../chain/anchor/anchor-genesis.ts';
import { anchorSetFromGenesis } from '../../chain/anchor/anchor-set.ts';
import { hubSectionOf } from '../../chain/anchor/bridge-genesis.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { CliError } from './cli-errors.ts';

function mismatch(message: string): CliError {
  return new CliError('CLI_GENESIS_MISMATCH', message);
}

/**
 * Throws CLI_GENESIS_MISMATCH naming the first thing that does not match (`files` names the two
 * files in messages); answers warnings about what works but is odd.
 */
export function checkGenesisPair(region: Genesis, hub: Genesis, files: { region: string; hub: string }): string[] {
  const anchor = anchorSectionOf(hub);
  if (anchor === undefined) throw mismatch(`${files.hub} (${hub.chainId}) is not a Hub genesis: it has no "anchor" section`);
  if (anchorSectionOf(region) !== undefined) throw mismatch(`${files.region} (${region.chainId}) is a Hub genesis (it has an "anchor" section), not a region's`);
  if (region.chainId === hub.chainId) throw mismatch(`the region and the Hub have the same chain id ${region.chainId}`);
  const section = hubSectionOf(region);
  if (section === undefined) throw mismatch(`${files.region} (${region.chainId}) has no "hub" section: the region has no bridge to a Hub (generate it with --hub ${hub.chainId}:${hub.region}:${hub.validators.length})`);
  if (section.chainId !== hub.chainId) throw mismatch(`${files.region} bridges to Hub ${section.chainId}, but ${files.hub} is ${hub.chainId}`);
  if (section.validators.length !== hub.validators.length) {
    throw mismatch(`the "hub" section of ${files.region} lists ${section.validators.length} Hub validators, ${files.hub} has ${hub.validators.length}`);
  }
  section.validators.forEach((v, i) => {
    const h = hub.validators[i]!;
    if (!bytesEqual(v.publicKey, h.publicKey) || !bytesEqual(v.blsPublicKey, h.blsPublicKey) || v.power !== h.power) {
      throw mismatch(`hub.validators[${i}] of ${files.region} is not validator ${i + 1} (${h.name}) of ${files.hub}: keys or power differ`);
    }
  });
  const registered = anchor.regions.find((r) => r.chainId === region.chainId);
  if (registered === undefined) {
    const names = anchor.regions.map((r) => r.chainId).join(', ') || 'none';
    throw mismatch(`${files.hub} does not register region ${region.chainId} (it registers: ${names}; generate it with --register-region ${region.chainId}:${region.region}:${region.validators.length})`);
  }
  const own = anchorSetFromGenesis(region);
  if (!bytesEqual(own.hash, registered.set.hash)) {
    throw mismatch(
      `${files.hub} registers ${region.chainId} with another certificate set (${registered.set.validators.length} validators, threshold ${registered.set.threshold}, hash ${toHex(registered.set.hash).slice(0, 16)}...) ` +
        `than its genesis gives (${own.validators.length} validators, threshold ${own.threshold}, hash ${toHex(own.hash).slice(0, 16)}...)`,
    );
  }
  // Anchoring works with any pair of intervals, but the Hub's GET /anchors lists a region's
  // certificates at multiples of the Hub's own interval.
  if (region.consensus.anchorInterval !== hub.consensus.anchorInterval) {
    return [`anchorInterval is ${region.consensus.anchorInterval} in ${files.region} but ${hub.consensus.anchorInterval} in ${files.hub}: the Hub's \`tfr anchors\` lists only certificates at multiples of its own (generate both with the same --anchor-interval)`];
  }
  return [];
}
