import { readFileSync } from 'node:fs';
import ts from 'typescript';

/*
 * Reads TSDoc comments from source files with the TypeScript parser, so descriptions written
 * once beside the code (a machine's purpose, a diagnostic code's meaning) appear in the docs.
 */

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
}

/** A `/** ... *\/` comment's text: the stars and the tags' lines dropped, lines joined. */
function commentText(comment: string): string {
  return comment
    .replace(/^\/\*\*|\*\/$/g, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, '').trim())
    .filter((line, i, lines) => !lines.slice(0, i + 1).some((l) => l.startsWith('@')))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The TSDoc summary of an exported `const`, e.g. a machine's description.
 *
 * @param path - the source file
 * @param name - the exported constant's name
 * @returns the comment without its tags, or null when there is none
 */
export function exportedConstDoc(path: string, name: string): string | null {
  const source = parse(path);
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    if (!statement.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name)) continue;
    const comments = ts.getLeadingCommentRanges(source.text, statement.getFullStart()) ?? [];
    const doc = comments.map((c) => source.text.slice(c.pos, c.end)).filter((c) => c.startsWith('/**')).at(-1);
    return doc === undefined ? null : commentText(doc);
  }
  return null;
}

/** One member of a union of string literals and the TSDoc comment written above it. */
export interface UnionMemberDoc {
  /** The string literal. */
  readonly value: string;
  /** Its comment without tags, or null when it has none. */
  readonly doc: string | null;
}

/**
 * The members of an exported union of string literals, each with the `/** ... *\/` comment
 * written just above it (e.g. `DiagnosticCode` in src/domain/diagnostics.ts).
 *
 * @param path - the source file
 * @param typeName - the type alias's name
 * @throws when the alias is missing or is not a union of string literals
 */
export function unionMemberDocs(path: string, typeName: string): UnionMemberDoc[] {
  const source = parse(path);
  const alias = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === typeName);
  if (alias === undefined || !ts.isUnionTypeNode(alias.type)) throw new Error(`${path}: no union type ${typeName}`);
  let from = alias.type.pos;
  return alias.type.types.map((member) => {
    if (!ts.isLiteralTypeNode(member) || !ts.isStringLiteral(member.literal)) throw new Error(`${path}: ${typeName} has a member that is not a string literal`);
    const between = source.text.slice(from, member.getStart(source));
    from = member.end;
    const doc = between.match(/\/\*\*[\s\S]*?\*\//g)?.at(-1);
    return { value: member.literal.text, doc: doc === undefined ? null : commentText(doc) };
  });
}
