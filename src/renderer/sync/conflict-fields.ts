/** Reading and writing an order field by its dotted path, for field-by-field conflict resolution. */
import type { ProtectiveOrder } from '../../shared/order/schema';

export function getPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function setPath(order: ProtectiveOrder, path: string, value: unknown): ProtectiveOrder {
  const copy = structuredClone(order) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) {
    const next = target[key];
    if (next === null || typeof next !== 'object') target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1] ?? '';
  if (value === undefined) Reflect.deleteProperty(target, last);
  else target[last] = value;
  return copy as unknown as ProtectiveOrder;
}

/** A field's value in words: "(empty)", "Yes"/"No", a list joined, a group's parts joined. */
export function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(empty)';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(show).join('; ');
  if (typeof value === 'object') {
    const parts = Object.values(value as Record<string, unknown>)
      .filter((v) => v !== undefined && v !== null && v !== '')
      .map(show);
    return parts.length === 0 ? '(empty)' : parts.join(', ');
  }
  return JSON.stringify(value);
}
