import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The house's forbidden import directions are lint rules (eslint.config.mjs). These cases lint one-line files in
// the folders the rules name, as the repo's own lint run would, so a rule that stops matching fails here.
// Only the rule under test runs: others (import/no-cycle) read the files an import names, and these probes are not on disk.
const eslint = new ESLint({ cwd: process.cwd(), ruleFilter: ({ ruleId }) => ruleId === "no-restricted-imports" });

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("lint rules keep the import directions", () => {
  it("sends internal links through components/ui/Link, from components and from app alike", async () => {
    const nextLink = 'import NextLink from "next/link";\nexport const L = NextLink;\n';
    expect(await restrictedImports("components/claim/Probe.tsx", nextLink)).toEqual([expect.stringContaining("components/ui/Link")]);
    expect(await restrictedImports("app/probe/page.tsx", nextLink)).toEqual([expect.stringContaining("components/ui/Link")]);
    expect(await restrictedImports("components/ui/Link.tsx", nextLink)).toEqual([]);
    expect(await restrictedImports("components/ui/Link.tsx", 'import { openDatabase } from "@/lib/server/db/openDatabase";\nexport const o = openDatabase;\n')).toEqual([
      expect.stringContaining("Server-only"),
    ]);
  }, 60_000);

  it("keeps lib/ free of React and lib/device off the claim and the chain", async () => {
    expect(await restrictedImports("lib/claim/probe.ts", 'import { useState } from "react";\nexport const s = useState;\n')).toEqual([expect.stringContaining("free of React")]);
    expect(await restrictedImports("lib/device/probe.ts", 'import { devnet } from "../chain/chains";\nexport const d = devnet;\n')).toEqual([expect.stringContaining("lib/device")]);
  }, 60_000);

  it("keeps one feature folder out of another's", async () => {
    expect(await restrictedImports("components/devices/Probe.tsx", 'import { ClaimFlow } from "@/components/claim/ClaimFlow";\nexport const c = ClaimFlow;\n')).toEqual([
      expect.stringContaining("never imports another feature"),
    ]);
  }, 60_000);
});
