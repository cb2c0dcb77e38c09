// The admin UI's texts exist in all three languages, with the same keys, none empty, and
// every key the views name literally is defined.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../desktop/src/renderer/i18n/en.js';
import { fi } from '../../../desktop/src/renderer/i18n/fi.js';
import { sv } from '../../../desktop/src/renderer/i18n/sv.js';
import { repoRoot } from '../../fixtures/process.js';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const languages = { en: flatten(en), fi: flatten(fi), sv: flatten(sv) };

describe('admin UI translations', () => {
  it('have the same keys in fi, sv and en', () => {
    const keys = [...languages.en.keys()].sort();
    expect([...languages.fi.keys()].sort()).toEqual(keys);
    expect([...languages.sv.keys()].sort()).toEqual(keys);
  });

  it('have no empty text', () => {
    for (const [lang, messages] of Object.entries(languages)) {
      for (const [key, text] of messages) expect(text.trim(), `${lang}:${key}`).not.toBe('');
    }
  });

  it('are written for each language, not copied from English', () => {
    // Short words may rightly coincide (Status, Version); whole sentences must not.
    for (const [key, text] of languages.en) {
      if (text.length < 25) continue;
      expect(languages.fi.get(key), `fi:${key}`).not.toBe(text);
      expect(languages.sv.get(key), `sv:${key}`).not.toBe(text);
    }
  });

  it('define every key the views use by name', () => {
    const root = resolve(repoRoot, 'desktop/src/renderer');
    const used = new Set<string>();
    for (const file of sourceFiles(root)) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(match[1] as string);
      for (const match of source.matchAll(/key: '([a-z]+\.[a-zA-Z0-9_.]+)'/g)) used.add(match[1] as string);
    }
    expect(used.size).toBeGreaterThan(150);
    for (const key of used) {
      const defined = languages.en.has(key) || languages.en.has(`${key}_one`);
      expect(defined, key).toBe(true);
    }
  });
});
