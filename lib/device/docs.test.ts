import { readFileSync } from "node:fs";
import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import { IOID_BLE_UUIDS } from "./ble";
import { formatLikeCJSON } from "../did/cjson";
import { parseClaimInput } from "./payload";
import { permitDigest, permitDomainSeparator, permitStructHash } from "./permit";
import { createVirtualDevice } from "./simulated/virtualDevice";

// The docs are what device makers implement against: their examples must stay true.

const doc = (name: string) => readFileSync(new URL(`../../docs/${name}`, import.meta.url), "utf8");
const demo = createVirtualDevice({ seed: "demo" });

function examples(markdown: string): string[] {
  return [...markdown.matchAll(/```\w+ claim-example\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

describe("docs/claim-payload.md", () => {
  const text = doc("claim-payload.md");

  it("has examples the parser accepts, all about the demo device", () => {
    const found = examples(text);
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (const example of found) expect(parseClaimInput(example)).toMatchObject({ kind: "payload", did: demo.did, publicKey: demo.publicKey });
    expect(found.map((e) => parseClaimInput(e).permit).filter(Boolean)).toHaveLength(1);
  });

  it("quotes the Permit hashes of its pre-signed example correctly", () => {
    const params = { chainId: 4690, registry: "0x0A7e595C7889dF3652A19aF52C18377bF17e027D" as Address, owner: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as Address, nonce: 0n };
    expect(text).toContain(permitDomainSeparator(params));
    expect(text).toContain(permitStructHash(params.owner, params.nonce));
    expect(text).toContain(permitDigest(params));
  });
});

describe("docs/serial-protocol.md", () => {
  it("shows the demo device's real /did answer", () => {
    expect(doc("serial-protocol.md")).toContain(formatLikeCJSON(demo.didJson()));
  });
});

describe("docs/ble-profile.md", () => {
  it("lists the profile's UUIDs", () => {
    const text = doc("ble-profile.md");
    for (const uuid of Object.values(IOID_BLE_UUIDS)) expect(text).toContain(uuid);
  });
});
