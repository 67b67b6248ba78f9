/**
 * Strict JSON for the genesis file: RFC 8259 only (no comments, no trailing commas, no BOM), and no
 * object may repeat a key. JSON.parse would silently keep the last of two equal keys, so the text is
 * also parsed with jsonc-parser's `parseTree`, whose tree keeps every property, and each object is
 * checked for repeats (each repeat is reported with its field path).
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { fieldPath, type IssueList } from './genesis-issue.ts';

function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return `line ${line}, column ${offset - start + 1}`;
}

function reportDuplicateKeys(node: Node, field: string, issues: IssueList): void {
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (keyNode === undefined || typeof keyNode.value !== 'string') continue;
      const key = keyNode.value;
      const path = fieldPath(field, key);
      if (seen.has(key)) {
        issues.add('GENESIS_DUPLICATE_JSON_KEY', path, `key ${JSON.stringify(key)} appears more than once in this object`);
      }
      seen.add(key);
      if (valueNode !== undefined) reportDuplicateKeys(valueNode, path, issues);
    }
  } else if (node.type === 'array') {
    (node.children ?? []).forEach((child, i) => reportDuplicateKeys(child, fieldPath(field, i), issues));
  }
}

/**
 * The parsed value of `text`, or undefined after adding GENESIS_INVALID_JSON to `issues`.
 * Repeated keys are reported as GENESIS_DUPLICATE_JSON_KEY and the value is still returned (with the
 * last of the repeats, as JSON.parse does), so the rest of the file is checked as well.
 */
export function parseJsonDocument(text: string, issues: IssueList): unknown {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first !== undefined) {
    issues.add('GENESIS_INVALID_JSON', '', `invalid JSON at ${lineAndColumn(text, first.offset)}: ${printParseErrorCode(first.error)}`);
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // jsonc-parser is a little more lenient than JSON.parse (e.g. a leading BOM); JSON.parse decides.
    issues.add('GENESIS_INVALID_JSON', '', `invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  if (tree !== undefined) reportDuplicateKeys(tree, '', issues);
  return value;
}
