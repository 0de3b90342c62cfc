// Taking over a second-hand device on anvil: the device signs Permit(owner = the new holder), the checklist says
// what moves, and registry.migrate hands over the ioID with its device wallet and everything in it.
import { parseEther, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { confirm, deviceAccount, registerDevice, useDevnet } from "../../../contracts/test/helpers";
import { permitDigestFromDomainSeparator } from "../../device/permit";
import { readPreflight } from "../readPreflight";
import { readHolder } from "./readHolder";
import { buildTakeOverChecklist, takeOverCall } from "./takeOverChecklist";
import { english } from "../../i18n/renderText";
import type { Check } from "../checklist";

/** A check with its reason in English, for matching. */
const inEnglish = (check: Check | undefined) => check && { ...check, reason: english(check.reason) };

const ctx = useDevnet();

async function context(device: `0x${string}`, owner: `0x${string}`) {
  const registry = ctx.deployment.ioIDRegistry;
  const [preflight, holder] = await Promise.all([
    readPreflight(ctx.publicClient, { contracts: { ioIDRegistry: registry }, device, owner }),
    readHolder(ctx.publicClient, registry, device),
  ]);
  return { owner, registry, domainSeparator: preflight.domainSeparator, nonce: preflight.nonce, holder };
}

describe("taking over a device's ioID", () => {
  it("moves the ioID and its funded device wallet to the new holder with the device's signature", async () => {
    const device = deviceAccount("second-hand");
    await registerDevice(ctx, { tokenId: 1n, device });
    const newOwner = ctx.accounts[1]!.address;
    const c = await context(device.address, newOwner);
    await confirm(ctx, await ctx.wallets[0]!.sendTransaction({ to: c.holder!.wallet, value: parseEther("2") }));

    const funded = await context(device.address, newOwner);
    const signature = (await device.sign({ hash: permitDigestFromDomainSeparator(funded.domainSeparator, newOwner, funded.nonce) })) as Hex;
    const checklist = buildTakeOverChecklist(device.address, signature, funded);
    expect(checklist.checks.map((x) => [x.id, x.ok])).toEqual([
      ["takeover-holder", true],
      ["takeover-signature", true],
      ["takeover-moves", true],
    ]);
    expect(english(checklist.checks[2]!.reason)).toMatch(/The ioID #1 and its device wallet 0x.{4}….{4} with everything in it \(2 IOTX and any tokens or NFTs it holds\) move from 0xf39F…2266 to you/);

    const call = takeOverCall(funded.registry, device.address, newOwner, checklist.signature!);
    await confirm(ctx, await ctx.wallets[1]!.sendTransaction({ to: call.to, data: call.data }));
    const after = await readHolder(ctx.publicClient, funded.registry, device.address);
    expect(after).toEqual({ ...funded.holder!, holder: newOwner });
  });

  it("refuses a signature for someone else, an ioID already yours, and a device without one", async () => {
    const device = deviceAccount("second-hand-refused");
    await registerDevice(ctx, { tokenId: 2n, device });
    const c = await context(device.address, ctx.accounts[1]!.address);
    const forOther = (await device.sign({ hash: permitDigestFromDomainSeparator(c.domainSeparator, ctx.accounts[3]!.address, c.nonce) })) as Hex;
    const refused = buildTakeOverChecklist(device.address, forOther, c);
    expect(inEnglish(refused.checks.find((x) => x.id === "takeover-signature"))).toMatchObject({ ok: false, reason: expect.stringContaining("did not sign for your account") });

    const mine = await context(device.address, ctx.accounts[0]!.address);
    expect(inEnglish(buildTakeOverChecklist(device.address, undefined, mine).checks[0])).toMatchObject({ ok: false, reason: "This device's ioID is already yours: find it under My devices." });

    const fresh = deviceAccount("never-registered");
    const none = await context(fresh.address, ctx.accounts[1]!.address);
    expect(none.holder).toBeUndefined();
    expect(english(buildTakeOverChecklist(fresh.address, undefined, none).checks[0]!.reason)).toMatch(/has no ioID yet/);
  });
});
