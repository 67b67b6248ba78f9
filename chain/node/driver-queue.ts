/**
 * What the driver's single input queue holds, and which items a jump ahead (block sync) makes
 * stale: the end of an old commit pause, votes and proposals of heights now decided.
 */
import type { ConsensusInput } from '../consensus/step-types.ts';
import type { NodeMessage } from './node-messages.ts';

export type QueueItem =
  | { readonly kind: 'input'; readonly input: ConsensusInput; readonly logged: boolean }
  | { readonly kind: 'net'; readonly message: NodeMessage; readonly from: number }
  /** End of the commit pause: store the fuller commit, then start `height`. */
  | { readonly kind: 'next-height'; readonly height: number }
  /** No progress for a while: re-send our own messages of the height (see RESEND_FIRST_MS). */
  | { readonly kind: 'resend' }
  /** Peers are ahead: block-sync to them, then resume consensus (with a `syncer`). */
  | { readonly kind: 'catch-up' };

export function staleAfterJump(q: QueueItem, tipHeight: number): boolean {
  if (q.kind === 'next-height') return true;
  if (q.kind !== 'net') return false;
  const m = q.message;
  return (m.kind === 'vote' && m.vote.height <= tipHeight) || (m.kind === 'proposal' && m.proposal.height <= tipHeight);
}
