// Finds, in the server's source, every English message a user can be shown: what is given to
// DomainError and its helpers, and the `message:` / `error:` texts of field errors and zod
// schemas. The catalogue test checks each against the 简体中文 catalogue, so a new message
// cannot ship untranslated. Reads the syntax tree, so messages split over lines are found too.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { Message } from '../message.js';

export interface FoundMessage {
  /** The message as a user would see it; a template's placeholders are filled with samples. */
  text: string;
  /** `file:line`, relative to the scanned root. */
  at: string;
  /** The code and params the text is written from, when the call names them (notFound). */
  coded?: Message;
}

/**
 * Texts that never reach a console user: the environment and command line speak to operators,
 * SIP reason phrases to phones, and the demo seed writes data, not errors.
 */
const NOT_USER_FACING = [/^server\/src\/platform\/config\.ts$/, /^server\/src\/platform\/http\/origin-policy\.ts$/, /^server\/src\/cli\//, /^server\/src\/switch\//, /^server\/src\/seed\//];

/** Calls whose literal arguments are messages. `deny` is the services' audited forbidden(). */
const MESSAGE_CALLS = new Set(['DomainError', 'forbidden', 'conflict', 'deny', 'localizeMessage']);
/** zod methods that take a message as a plain string argument. */
const ZOD_MESSAGE_METHODS = new Set(['refine', 'min', 'max', 'length', 'regex', 'email', 'url', 'uuid', 'nonempty', 'startsWith', 'endsWith', 'datetime']);

function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
    }
  };
  for (const d of dirs) walk(path.join(root, d));
  return out.filter((f) => !NOT_USER_FACING.some((re) => re.test(path.relative(root, f).split(path.sep).join('/'))));
}

function calleeName(expr: ts.Expression): string | null {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  return null;
}

/**
 * The text of a string or template literal; each `${…}` becomes the sample given for its source
 * text, or '1'. Placeholders that stand for words (a status, a weekday) need a real sample,
 * since the catalogue translates such words and refuses ones it does not know.
 */
function literalText(node: ts.Node, sf: ts.SourceFile, samples: Readonly<Record<string, string>>): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (!ts.isTemplateExpression(node)) return null;
  let text = node.head.text;
  for (const span of node.templateSpans) {
    text += samples[span.expression.getText(sf)] ?? '1';
    text += span.literal.text;
  }
  return text;
}

const hasSpace = (s: string) => /\s/.test(s);

export function scanUserMessages(root: string, dirs: readonly string[], samples: Readonly<Record<string, string>> = {}): FoundMessage[] {
  const found: FoundMessage[] = [];
  for (const file of sourceFiles(root, dirs)) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const rel = path.relative(root, file).split(path.sep).join('/');
    const add = (node: ts.Node, text: string | null, coded?: Message) => {
      if (text === null) return;
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      found.push({ text, at: `${rel}:${line}`, ...(coded ? { coded } : {}) });
    };
    const visit = (node: ts.Node) => {
      if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments) {
        const name = calleeName(node.expression);
        const args = node.arguments;
        if (name === 'notFound' && args[0] && ts.isStringLiteral(args[0])) add(args[0], `${args[0].text} not found`, { key: 'entity.notFound', params: { what: args[0].text } });
        else if (name !== null && MESSAGE_CALLS.has(name)) {
          // Codes ('CONFLICT') and audit actions ('case.view') are single words; messages are not.
          for (const a of args) {
            const text = literalText(a, sf, samples);
            if (text !== null && hasSpace(text)) add(a, text);
          }
        } else if (name !== null && ZOD_MESSAGE_METHODS.has(name) && ts.isPropertyAccessExpression(node.expression)) {
          for (const a of args) {
            const text = literalText(a, sf, samples);
            if (text !== null && hasSpace(text)) add(a, text);
          }
        }
      }
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && (node.name.text === 'message' || node.name.text === 'error')) {
        add(node.initializer, literalText(node.initializer, sf, samples));
      }
      // Default messages: `forbidden = (message = '…')`.
      if (ts.isParameter(node) && ts.isIdentifier(node.name) && node.name.text === 'message' && node.initializer) {
        add(node.initializer, literalText(node.initializer, sf, samples));
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}
