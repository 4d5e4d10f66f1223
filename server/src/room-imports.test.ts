// Imports point one way: the feature rooms use platform/ and the contract, never the composition
// root; platform/ knows no feature room. Read from the source text, so a new file is checked
// without being listed.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = import.meta.dirname;
// Every folder of server/src is a room, so a new one is checked without being listed; cli/ holds
// entry points (like main.ts), which may build the whole product.
const ROOMS = readdirSync(SRC, { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== 'cli')
  .map((e) => e.name);
const FEATURE_ROOMS = ROOMS.filter((r) => r !== 'platform');
// The composition root is compose.ts and its parts (compose-*.ts), with main.ts.
const ROOTS = readdirSync(SRC)
  .filter((f) => /^compose(-[a-z-]+)?\.ts$/.test(f) || f === 'main.ts')
  .map((f) => path.join(SRC, f));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    // Tests may reach across rooms to check them together (the catalogue against the rules).
    return /\.(ts|js)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** The files a source file imports by relative path, resolved to their .ts source. */
export function relativeImports(file: string, text = readFileSync(file, 'utf8')): string[] {
  const specs = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\s*\(?\s*['"](\.[^'"]+)['"]/g)];
  return specs.map((m) => path.resolve(path.dirname(file), (m[1] ?? m[2])!).replace(/\.js$/, '.ts'));
}

const roomOf = (file: string): string | null => {
  const rel = path.relative(SRC, file);
  const top = rel.split(path.sep)[0]!;
  return rel.startsWith('..') || !rel.includes(path.sep) ? null : top;
};

describe('imports between rooms', () => {
  it('reads an import as the file it names', () => {
    const file = path.join(SRC, 'cases', 'x.ts');
    expect(relativeImports(file, "import { a } from '../compose.js';\nexport * from './y.js';\nimport '../main.js';\nawait import('./z.js');")).toEqual([
      path.join(SRC, 'compose.ts'),
      path.join(SRC, 'cases', 'y.ts'),
      path.join(SRC, 'main.ts'),
      path.join(SRC, 'cases', 'z.ts'),
    ]);
  });

  it('never lead from a room to the composition root or main', () => {
    const offenders = ROOMS.flatMap((room) =>
      sourceFiles(path.join(SRC, room)).flatMap((f) =>
        relativeImports(f).filter((i) => ROOTS.includes(i)).map((i) => `${path.relative(SRC, f)} → ${path.relative(SRC, i)}`),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('never lead from platform/ to a feature room', () => {
    const offenders = sourceFiles(path.join(SRC, 'platform')).flatMap((f) =>
      relativeImports(f)
        .filter((i) => (FEATURE_ROOMS as readonly string[]).includes(roomOf(i) ?? ''))
        .map((i) => `${path.relative(SRC, f)} → ${path.relative(SRC, i)}`),
    );
    expect(offenders).toEqual([]);
  });
});
