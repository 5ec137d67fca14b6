/** A JSON syntax or schema error with the line and column a person can jump to. */
export class SettingsError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
    this.name = 'SettingsError';
  }
}

export interface Located {
  value: unknown;
  /** Line and column where each value starts, by JSON path ("sources.0.baseUrl"; "" is the root). */
  positions: Map<string, { line: number; column: number }>;
}

/**
 * A small JSON parser that remembers where every value starts: JSON.parse gives neither the line of
 * a syntax error on every runtime nor any position for a value that fails the schema.
 */
export function parseJsonWithLines(text: string, file: string): Located {
  const positions = new Map<string, { line: number; column: number }>();
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const fail = (detail: string): never => {
    throw new SettingsError(file, line, i - lineStart + 1, detail);
  };
  const ws = () => {
    while (i < text.length) {
      const c = text[i]!;
      if (c === '\n') {
        line++;
        lineStart = i + 1;
      } else if (c !== ' ' && c !== '\t' && c !== '\r') break;
      i++;
    }
  };
  const str = (): string => {
    i++;
    let out = '';
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\n') fail('unterminated string');
      if (text[i] === '\\') {
        const e = text[i + 1];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e === 'u') {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else if (e && map[e]) {
          out += map[e];
          i += 2;
        } else fail(`bad escape \\${e ?? ''}`);
      } else out += text[i++];
    }
    if (text[i] !== '"') fail('unterminated string');
    i++;
    return out;
  };
  const value = (path: string): unknown => {
    ws();
    positions.set(path, { line, column: i - lineStart + 1 });
    const c = text[i];
    const at = (p: string) => (path ? `${path}.${p}` : p);
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') return i++, obj;
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a property name in double quotes');
        const key = str();
        ws();
        if (text[i] !== ':') fail(`expected ":" after "${key}"`);
        i++;
        obj[key] = value(at(key));
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return i++, obj;
        else fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') return i++, arr;
      for (;;) {
        arr.push(value(at(String(arr.length))));
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return i++, arr;
        else fail('expected "," or "]"');
      }
    }
    if (c === '"') return str();
    const m = /^(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) fail(c === undefined ? 'unexpected end of file' : `unexpected character ${JSON.stringify(c)}`);
    i += m![0].length;
    return m![0] === 'true' ? true : m![0] === 'false' ? false : m![0] === 'null' ? null : Number(m![0]);
  };
  const result = value('');
  ws();
  if (i < text.length) fail('unexpected text after the end of the document');
  return { value: result, positions };
}

/** Position of the deepest path that exists, so an error about a missing key points at its parent. */
export function positionOf(located: Located, path: (string | number)[]): { line: number; column: number } {
  for (let n = path.length; n >= 0; n--) {
    const hit = located.positions.get(path.slice(0, n).join('.'));
    if (hit) return hit;
  }
  return { line: 1, column: 1 };
}
