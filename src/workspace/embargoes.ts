/**
 * What the team still holds back from the public (docs/workspace.md, Embargo): the changes of
 * published drafts kept out of their version, and the published events, arrows and unit positions
 * whose embargo has not ended — with the reason, so a reviewer can decide to lift them. Team only.
 */
import type { Embargo } from '../core/workspace/items.js';
import type { Store } from '../store/store.js';
import type { PublishedKind } from '../store/workspace-store.js';
import { assertCan, type Actor } from './actor.js';

export interface HeldItem {
  draftId: number; draftTitle: string; itemId: number; kind: 'change' | PublishedKind;
  /** When it becomes public by itself (null: only when a reviewer lifts it). */
  until: string | null;
  reason: string;
  /** When the item is dated (a change's valid-from, an event's time). */
  time: string | null;
  /** For a change: a lift opens a draft to publish, rather than making it public at once. */
  needsPublication: boolean;
}

/** Everything still under embargo at `now`, oldest draft first. */
export function heldItems(store: Store, actor: Actor | null, now: string): HeldItem[] {
  assertCan(actor, 'drafts.read');
  const ws = store.workspace();
  const out: HeldItem[] = [];
  const published = ws.drafts().filter((d) => d.status === 'published').sort((a, b) => a.id - b.id);
  for (const d of published) {
    const items = new Map(ws.items(d.id).map((i) => [i.id, i]));
    const changes = (d.review.embargoed as { item: number; until: string | null; reason: string; liftedAt: string | null }[] | undefined) ?? [];
    for (const h of changes) {
      if (h.liftedAt) continue;
      out.push({ draftId: d.id, draftTitle: d.title, itemId: h.item, kind: 'change', until: h.until, reason: h.reason, time: (items.get(h.item)?.body.validFrom as string | undefined) ?? null, needsPublication: true });
    }
  }
  const titles = new Map(published.map((d) => [d.id, d.title]));
  for (const kind of ['event', 'arrow', 'unit'] as const) {
    for (const r of ws.publishedItems({ kind, from: '0000', to: '9999' })) {
      const open = r.embargoed || (r.embargoUntil !== null && r.embargoUntil > now);
      if (!open) continue;
      const body = ws.items(r.draftId).find((i) => i.id === r.itemId)?.body as { embargo?: Embargo | null } | undefined;
      out.push({
        draftId: r.draftId, draftTitle: titles.get(r.draftId) ?? '', itemId: r.itemId, kind, until: r.embargoed ? null : r.embargoUntil,
        reason: body?.embargo?.reason ?? '', time: r.time, needsPublication: false,
      });
    }
  }
  return out.sort((a, b) => a.draftId - b.draftId || a.itemId - b.itemId);
}
