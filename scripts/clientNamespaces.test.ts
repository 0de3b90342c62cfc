// Each page hands its client components only the catalog parts in its list (components/i18n/clientNamespaces.ts).
// A client component reading a namespace missing from its page's list would show a key instead of words, so this
// follows each page's imports (static and dynamic) and collects what the client side of its tree reads:
// useTranslations("X…") and the "X.…" keys of lib's Texts that useText says. Files below a "use client" file
// are client code; the server's own getTranslations need no list.
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { clientNamespaces } from "../components/i18n/clientNamespaces";

const root = path.resolve(import.meta.dirname, "..");
const catalogNamespaces = Object.keys(JSON.parse(readFileSync(path.join(root, "messages/en.json"), "utf8")) as Record<string, unknown>);
const config = ts.readConfigFile(path.join(root, "tsconfig.json"), (f) => ts.sys.readFile(f));
const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);

/** What one file says: the namespaces its strings (not its comments) name, and the modules it loads at run time. */
function scan(file: string, source: string): { named: Set<string>; imports: string[]; dynamicImports: string[] } {
  const named = new Set<string>();
  const imports: string[] = [];
  const dynamicImports: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) {
      const translatorArgument = ts.isCallExpression(node.parent) && node.parent.expression.getText() === "useTranslations";
      const ns = (translatorArgument ? /^([A-Za-z]+)/ : /^([A-Z][A-Za-z]+)\./).exec(node.text)?.[1];
      if (ns && catalogNamespaces.includes(ns)) named.add(ns);
    }
    // Type-only imports bring no code to the browser.
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      const bindings = node.importClause?.namedBindings;
      const onlyTypes = !node.importClause?.name && bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) imports.push((node.moduleSpecifier as ts.StringLiteral).text);
    }
    if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier) imports.push((node.moduleSpecifier as ts.StringLiteral).text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) dynamicImports.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true));
  return { named, imports, dynamicImports };
}

/**
 * The namespaces the client files reachable from `entries` read, each with a file that reads it, and the files
 * reached. `stopAt` files are not entered; `staticOnly` follows no `import()`; `client` takes the entries as client code.
 */
function clientReads(
  entries: readonly string[],
  { stopAt = [], staticOnly = false, client: entriesClient = false }: { stopAt?: readonly string[]; staticOnly?: boolean; client?: boolean } = {},
) {
  const reads = new Map<string, string>();
  const files = new Set<string>();
  const seen = new Set<string>();
  const stops = new Set(stopAt.map((f) => path.join(root, f)));
  const stack = entries.map((e) => ({ file: path.join(root, e), client: entriesClient }));
  while (stack.length > 0) {
    const { file, client: parentClient } = stack.pop()!;
    if (stops.has(file)) continue;
    const source = readFileSync(file, "utf8");
    const client = parentClient || /^\s*["']use client["']/.test(source);
    const key = `${client}:${file}`;
    if (seen.has(key)) continue;
    seen.add(key);
    files.add(path.relative(root, file));
    const { named, imports, dynamicImports } = scan(file, source);
    if (client) for (const ns of named) if (!reads.has(ns)) reads.set(ns, path.relative(root, file));
    for (const specifier of staticOnly ? imports : [...imports, ...dynamicImports]) {
      const target = ts.resolveModuleName(specifier, file, options, ts.sys).resolvedModule?.resolvedFileName;
      if (target && target.startsWith(root) && !target.includes("/node_modules/") && /\.tsx?$/.test(target)) stack.push({ file: target, client });
    }
  }
  return { reads, files };
}

type Part = { name: keyof typeof clientNamespaces; entries: string[] };
const parts: Part[] = [
  { name: "layout", entries: ["app/layout.tsx", "app/error.tsx", "app/not-found.tsx"] },
  { name: "home", entries: ["app/page.tsx"] },
  { name: "claim", entries: ["app/claim/page.tsx"] },
  { name: "fleet", entries: ["app/claim/fleet/page.tsx"] },
  { name: "devices", entries: ["app/devices/page.tsx"] },
  { name: "device", entries: ["app/devices/[id]/page.tsx"] },
  { name: "embed", entries: ["app/embed/claim/page.tsx"] },
];

/**
 * Parts a page sends later: `list` is loaded (CatalogProvider's useLaterMessages) before anything in the `after`
 * files and what they import renders, so those may read it; everything else on the page needs the page's own list.
 */
const later: (Part & { list: keyof typeof clientNamespaces; after: string[] })[] = [
  { name: "claim", entries: ["app/claim/page.tsx"], list: "claimAfterInput", after: ["components/claim/ClaimSteps.tsx", "lib/claim/controller.ts", "lib/claim/verifier.ts"] },
  {
    name: "claim",
    entries: ["app/claim/page.tsx"],
    list: "deviceErrors",
    after: ["components/sources/EndpointSource.tsx", "components/sources/BluetoothSource.tsx", "components/sources/SerialSource.tsx"],
  },
  { name: "devices", entries: ["app/devices/page.tsx"], list: "devicesOwned", after: ["components/devices/OwnedDevices.tsx", "components/devices/NetworkGate.tsx"] },
];

const missingFrom = (reads: Map<string, string>, listed: readonly string[]) =>
  [...reads].filter(([ns]) => !listed.includes(ns)).map(([ns, file]) => `${ns} (read in ${file})`);

describe("the catalog parts each page gives its client components", () => {
  it.each(parts)("$name lists every namespace its client components read", ({ name, entries }) => {
    const { reads } = clientReads(entries, { stopAt: later.filter((l) => l.name === name).flatMap((l) => l.after) });
    expect(missingFrom(reads, clientNamespaces[name])).toEqual([]);
  });

  it.each(later)("$name loads $list before what reads it: $after", ({ name, entries, list, after }) => {
    // Loaded at first paint, these files would render before their words arrive.
    expect(after.filter((file) => clientReads(entries, { staticOnly: true }).files.has(file))).toEqual([]);
    expect(missingFrom(clientReads(after, { client: true }).reads, [...clientNamespaces[name], ...clientNamespaces[list]])).toEqual([]);
    // The later part is later: the page's own list does not carry it as well.
    expect(clientNamespaces[list].filter((ns) => (clientNamespaces[name] as readonly string[]).includes(ns))).toEqual([]);
  });

  it("sees what a page's client components read", () => {
    // The walk itself: the claim page's checklist says lib's Texts, its sources read their own namespace.
    expect([...clientReads(["app/claim/page.tsx"]).reads.keys()]).toEqual(expect.arrayContaining(["Claim", "Checks", "Sources", "Wallet"]));
  });
});
