/**
 * Free text must be text: no C0 control characters other than TAB, LF and CR (NUL truncates
 * strings in C libraries and drivers; ESC and friends corrupt terminals, logs and exports), and no
 * lone UTF-16 surrogates (JSON allows them as `\ud800` escapes, but they are not Unicode
 * characters: UTF-8 encoders replace or refuse them, so the stored text and its hash would differ
 * from what was sent).
 */
export const isSafeText = (text: string): boolean => {
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x20) {
      if (unit !== 0x09 && unit !== 0x0a && unit !== 0x0d) return false;
    } else if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i += 1;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return false;
    }
  }
  return true;
};

/**
 * The path (`a.b.0`) of the first string — value or key — that is not safe text in a parsed body,
 * query or path, or undefined. Bodies are bounded in depth before parsing (json-depth.ts); the
 * bound here only keeps the walk safe for values that did not come from the body parser.
 */
export const findUnsafeText = (value: unknown, path = '', depth = 0): string | undefined => {
  if (typeof value === 'string') return isSafeText(value) ? undefined : path || '(value)';
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const at = path ? `${path}.${key}` : key;
    if (!isSafeText(key)) return path || '(key)';
    const found = findUnsafeText(child, at, depth + 1);
    if (found) return found;
  }
  return undefined;
};
