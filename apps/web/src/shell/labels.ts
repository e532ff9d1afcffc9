import { get } from '../api/api-client';
import { isCaseKind, STATUS_GROUPS } from '../api/case-kinds';

/**
 * Chinese labels for the API's codes, from the API's label catalogue (GET /api/v1/catalogue): the
 * one source, which the API's own titles, exports and error messages use too. The app shows its
 * pages once it is loaded; a code with no label is shown as it is.
 */
let catalogue: Record<string, Record<string, string>> = {};

/** Loads the API's catalogue; a catalogue that cannot be read leaves every code as it is. */
export const loadCatalogue = async (): Promise<void> => {
  try {
    const answer = await get<Record<string, unknown>>('/api/v1/catalogue');
    const groups = (answer.groups ?? answer.labels ?? answer) as Record<string, unknown>;
    const next: Record<string, Record<string, string>> = {};
    for (const [group, entries] of Object.entries(groups)) {
      if (!entries || typeof entries !== 'object') continue;
      next[group] = {};
      const list = Array.isArray(entries)
        ? (entries as { code?: string; zh?: string; label?: string; title?: string }[]).map(
            (e) => [e.code, e.zh ?? e.label ?? e.title] as const,
          )
        : Object.entries(entries as Record<string, unknown>).map(([code, v]) => [
            code,
            typeof v === 'string' ? v : ((v as { zh?: string } | null)?.zh ?? undefined),
          ]);
      for (const [code, zh] of list) if (code && typeof zh === 'string') next[group][code] = zh;
    }
    catalogue = next;
  } catch {
    catalogue = {};
  }
};

export const label = (group: string, code: string | undefined | null): string =>
  code == null ? '' : (catalogue[group]?.[code] ?? code);

export const statusLabel = (kind: string, status: string | undefined): string =>
  label(isCaseKind(kind) ? STATUS_GROUPS[kind] : 'rectificationStatus', status);

export const kindLabel = (kind: string): string => label('caseKind', kind);

/**
 * The label group an enumeration's values come from (the first that has them all, as the API's
 * codeNamespaceOf picks it), so a code shared by two lists gets the label of the right one.
 */
export const codeGroupOf = (codes: readonly string[]): string | undefined =>
  codes.length === 0
    ? undefined
    : Object.keys(catalogue).find((g) => codes.every((c) => catalogue[g]?.[c] !== undefined));
