/**
 * The few DOM helpers the page needs instead of a framework: `h` builds an element with attributes
 * and children (text is always text: nothing from the chain is parsed as HTML), `setText` writes
 * only on change (no needless aria-live announcements or layout), and `keyedList` keeps one element
 * per key, re-rendering it only when its version changes.
 */

export type Child = Node | string | number | null | undefined | false;
export type Attrs = Readonly<Record<string, string | number | boolean | null | undefined>>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'number' ? String(c) : c);
  }
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`explorer page: no element #${id}`);
  return el as T;
}

export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

export function setData(el: HTMLElement, name: string, value: string): void {
  if (el.dataset[name] !== value) el.dataset[name] = value;
}

/** Replaces the children of `el`. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/**
 * Makes `container`'s children the rendering of `items`, in order: an item whose key and version
 * are unchanged keeps its element (focus, selection and test handles survive), others are rendered.
 */
export function keyedList<T>(container: Element, items: readonly T[], key: (item: T) => string, version: (item: T) => string, render: (item: T) => HTMLElement): void {
  const old = new Map<string, HTMLElement>();
  for (const child of Array.from(container.children)) {
    if (child instanceof HTMLElement && child.dataset['key'] !== undefined) old.set(child.dataset['key'], child);
  }
  const next: HTMLElement[] = items.map((item) => {
    const k = key(item);
    const v = version(item);
    const kept = old.get(k);
    if (kept !== undefined && kept.dataset['version'] === v) return kept;
    const el = render(item);
    el.dataset['key'] = k;
    el.dataset['version'] = v;
    return el;
  });
  const same = next.length === container.children.length && next.every((el, i) => container.children[i] === el);
  if (!same) container.replaceChildren(...next);
}

/** "The pool is not on this chain": the section's body replaced by a note. */
export function notOnThisChain(body: Element, what: string, why = ''): void {
  fill(body, h('p', { class: 'absent' }, `${what} not on this chain${why === '' ? '.' : ` (${why}).`}`));
}

/** A <time> of an RFC 3339 header time, shown as local clock time. */
export function timeEl(iso: string): HTMLTimeElement {
  const d = new Date(iso);
  return h('time', { datetime: iso, title: iso }, Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString());
}
