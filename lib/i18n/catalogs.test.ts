// The catalogs (messages/*.json) and the pages already translated. Keys used in code are checked by the compiler
// (components/i18n/messages.d.ts types them from the English catalog); here: every language has every key, with
// the same placeholders, and the translated files show no text that skips the catalogs.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { locales } from "./locales";

const root = path.resolve(import.meta.dirname, "../..");

/** Every file under these folders, relative to the root: new files are checked without anyone listing them. */
function filesUnder(folders: readonly string[], pattern: RegExp): string[] {
  return folders
    .flatMap((folder) => readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" }).map((file) => path.posix.join(folder, file.split(path.sep).join("/"))))
    .filter((file) => pattern.test(file) && !/\.test\.tsx?$/.test(file))
    .sort();
}

/**
 * Files that may show a person words the catalogs do not carry, each with why. Everything else in app/ and
 * components/ is checked.
 */
const notTranslated: Readonly<Record<string, string>> = {};

/** Every page and component: their visible strings all come from the catalogs. */
const translatedFiles = filesUnder(["app", "components"], /\.tsx$/).filter((file) => !(file in notTranslated));

/**
 * Words lib/ gives a person travel as a Text (lib/i18n/text.ts). These bare strings are let through, each with why:
 * a caller's bug (a value that is not text at all) is reported to the developer, never to an owner.
 */
const untranslatedInLib: readonly { file: string; words: string; why: string }[] = [
  { file: "lib/did/did.ts", words: "A DID must be a string", why: "parseDid given a non-string: a caller's bug" },
  { file: "lib/device/endpoint.ts", words: "A device endpoint must be a URL string", why: "parseDeviceEndpoint given a non-string: a caller's bug" },
  { file: "lib/claim/input/parse.ts", words: "A claim input must be text or bytes", why: "parseClaimInput given neither text nor bytes: a caller's bug" },
];

/** All of lib/: any file may start to word something for a person. */
const libFiles = filesUnder(["lib"], /\.ts$/);

/** Attributes a person reads or hears. */
const visibleAttributes = new Set(["aria-label", "title", "alt", "placeholder", "aria-description"]);

type Catalog = { [key: string]: string | Catalog };

function flatten(catalog: Catalog, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    if (typeof value === "string") out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

// ICU arguments only ("{name}", "{count, plural, …}"), not the words of a select's or plural's branches.
const placeholders = (message: string) => [...new Set([...message.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1]))].sort();

const catalogs = Object.fromEntries(
  locales.map((locale) => [locale, flatten(JSON.parse(readFileSync(path.join(root, "messages", `${locale}.json`), "utf8")) as Catalog)]),
);

/** Text in JSX (element text, visible attributes) that holds a letter: a string the catalogs do not carry. */
function hardCodedText(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(root, file), "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) found.push(`${where(node)} "${node.text.trim()}"`);
    if (ts.isJsxExpression(node) && node.expression && ts.isStringLiteralLike(node.expression) && /\p{L}/u.test(node.expression.text) && ts.isJsxElement(node.parent)) {
      found.push(`${where(node)} "${node.expression.text}"`);
    }
    if (ts.isJsxAttribute(node) && visibleAttributes.has(node.name.getText()) && node.initializer && ts.isStringLiteral(node.initializer) && /\p{L}/u.test(node.initializer.text)) {
      found.push(`${where(node)} ${node.name.getText()}="${node.initializer.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const hasLetters = (node: ts.Expression) => (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) && /\p{L}/u.test(node.getText());

/** English handed to a person from lib/ without the catalogs: a DeviceError made from a string, or untranslated("…"). */
function bareWords(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(root, file), "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const where = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    const said = ts.isNewExpression(node) && node.expression.getText() === "DeviceError" ? node.arguments?.[1] : undefined;
    if (said && hasLetters(said)) found.push(`${where(node)} new DeviceError(…, ${said.getText().slice(0, 60)})`);
    const detail = ts.isCallExpression(node) && node.expression.getText() === "untranslated" ? node.arguments[0] : undefined;
    if (detail && hasLetters(detail) && !untranslatedInLib.some((e) => e.file === file && detail.getText().slice(1).startsWith(e.words))) {
      found.push(`${where(node)} untranslated(${detail.getText().slice(0, 60)})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("catalogs", () => {
  const english = catalogs.en!;

  for (const locale of locales.filter((l) => l !== "en")) {
    it(`${locale} has every English key and nothing else`, () => {
      const other = catalogs[locale]!;
      expect([...english.keys()].filter((k) => !other.has(k)), `missing in ${locale}`).toEqual([]);
      expect([...other.keys()].filter((k) => !english.has(k)), `only in ${locale}`).toEqual([]);
    });

    it(`${locale} keeps each message's placeholders`, () => {
      const other = catalogs[locale]!;
      const differing = [...english].filter(([key, message]) => other.has(key) && placeholders(message).join() !== placeholders(other.get(key)!).join());
      expect(differing.map(([key]) => key)).toEqual([]);
    });
  }

  it("has no empty message", () => {
    const empty = locales.flatMap((locale) => [...catalogs[locale]!].filter(([, message]) => !message.trim()).map(([key]) => `${locale}: ${key}`));
    expect(empty).toEqual([]);
  });

  it("carries every string the translated pages show", () => {
    expect(translatedFiles.length).toBeGreaterThan(80);
    expect(translatedFiles.flatMap(hardCodedText)).toEqual([]);
  });

  it("lists only exceptions that exist", () => {
    const exist = (file: string) => existsSync(path.join(root, file));
    expect([...Object.keys(notTranslated), ...untranslatedInLib.map((e) => e.file)].filter((file) => !exist(file))).toEqual([]);
    const used = (e: (typeof untranslatedInLib)[number]) => readFileSync(path.join(root, e.file), "utf8").includes(`untranslated(\`${e.words}`);
    expect(untranslatedInLib.filter((e) => !used(e)).map((e) => e.file)).toEqual([]);
  });

  it("carries the words lib/ gives a person", () => {
    expect(libFiles).toContain("lib/untrusted/json.ts");
    expect(libFiles.flatMap(bareWords)).toEqual([]);
  });
});
