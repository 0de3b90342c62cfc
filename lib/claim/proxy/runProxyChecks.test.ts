// Claims through our devnet VerifyingProxy, against anvil and the devnet verifier service: a passing claim mints
// the ioID to the owner with no NFT or approval; every refusal names its reason and plans nothing.
import { parseEther, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDevnet } from "../../../contracts/test/helpers";
import { devnetVerifierPrivateKey } from "../../../scripts/devnet/accounts";
import { startVerifierServer, type VerifierServer } from "../../../scripts/verifier/server";
import { encodeClaimPayload } from "../input/encode";
import { parseClaimInput } from "../input/parse";
import { permitDigest } from "../../device/permit";
import { createVirtualDevice } from "../../device/simulated/virtualDevice";
import { restrictProxyClaim } from "./proxyRestriction";
import { runProxyChecks, type ProxyCheckDeps, type ProxyClaim } from "./runProxyChecks";
import { verifierMessage } from "./verifierMessage";
import { english } from "../../i18n/renderText";
import type { Check } from "../checklist";

/** A check with its reason in English, for matching. */
const inEnglish = (check: Check | undefined) => check && { ...check, reason: english(check.reason) };

const ctx = useDevnet();
let verifier: VerifierServer;
beforeAll(async () => {
  verifier = await startVerifierServer({ port: 0 });
});
afterAll(() => verifier.close());

const owner = () => ctx.accounts[2]!.address;
const proxy = () => ctx.deployment.demo.proxy.address;

/** A payload whose device signed Permit(owner = `permitOwner`), the proxy by default. */
function signedFor(seed: string, permitOwner?: Address) {
  const device = createVirtualDevice({ seed });
  const params = { owner: permitOwner ?? proxy(), nonce: 0n, chainId: ctx.chainId, registry: ctx.deployment.ioIDRegistry };
  const sig = device.sign(permitDigest(params)).sign as Hex;
  return { device, input: parseClaimInput(encodeClaimPayload({ v: 1, did: device.did, puk: device.publicKey, ...params, nonce: "0", sig })) };
}

const deps = (over: Partial<ProxyCheckDeps> = {}): ProxyCheckDeps => ({
  client: ctx.publicClient,
  chainId: ctx.chainId,
  registry: ctx.deployment.ioIDRegistry,
  owner: owner(),
  gasReserve: parseEther("0.01"),
  allowHttpVerifier: true,
  ...over,
});

const vouch = (device: Address) => privateKeyToAccount(devnetVerifierPrivateKey).signMessage({ message: { raw: verifierMessage(ctx.chainId, owner(), device) } });
const failed = (result: Awaited<ReturnType<typeof runProxyChecks>>) => result.checklist.checks.filter((c) => !c.ok).map((c) => [c.id, english(c.reason)]);

describe("claims through a VerifyingProxy", () => {
  it("with an inline approval: every check passes and the one planned call mints the ioID to the owner", async () => {
    const { device, input } = signedFor("proxy-inline");
    const result = await runProxyChecks(input, { proxy: proxy(), verifySignature: await vouch(device.address) }, deps());
    expect(failed(result)).toEqual([]);
    expect(result.plan).toHaveLength(1);
    expect(result.plan[0]!.to).toBe(proxy());
    expect(result.plan[0]!.value).toBe(0n);
    const hash = await ctx.wallets[2]!.sendTransaction({ to: result.plan[0]!.to, data: result.plan[0]!.data, value: result.plan[0]!.value });
    expect((await ctx.publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
    expect(await ctx.read.ioID.read.ownerOf([1n])).toBe(owner());
  });

  it("with the verifier's URL: asks it for (chain, owner, device) and passes", async () => {
    const { input } = signedFor("proxy-url");
    const result = await runProxyChecks(input, { proxy: proxy(), verifierUrl: verifier.url }, deps());
    expect(failed(result)).toEqual([]);
    expect(result.plan).toHaveLength(1);
  });

  const refusals: [string, (device: Address) => Promise<ProxyClaim>, string, RegExp, string?][] = [
    ["a verifier that refuses", async () => ({ proxy: proxy(), verifierUrl: `${verifier.url}?refuse=1` }), "proxy-verifier", /refused this device \(HTTP 403\): “This device is not registered with the project\.”/],
    ["an approval signed by another key", async () => ({ proxy: proxy(), verifierUrl: `${verifier.url}?signer=wrong` }), "proxy-verifier", /not signed by the project's verifier/],
    ["an approval for another owner", async (device) => ({ proxy: proxy(), verifySignature: await privateKeyToAccount(devnetVerifierPrivateKey).signMessage({ message: { raw: verifierMessage(ctx.chainId, ctx.accounts[3]!.address, device) } }) }), "proxy-verifier", /not signed by the project's verifier/],
    ["a plain-http verifier off the devnet", async () => ({ proxy: proxy(), verifierUrl: verifier.url }), "proxy-verifier", /must be reached over https/, "https-only"],
    ["a contract that is no proxy", async (device) => ({ proxy: ctx.deployment.ioIDStore, verifySignature: await vouch(device) }), "proxy-project", /is not a project's registration contract/],
  ];
  for (const [name, claim, id, reason, mode] of refusals) {
    it(`refuses ${name} with its reason and plans nothing`, async () => {
      const { device, input } = signedFor(`proxy-refusal-${name}`);
      const result = await runProxyChecks(input, await claim(device.address), deps(mode === "https-only" ? { allowHttpVerifier: false } : {}));
      expect(inEnglish(result.checklist.checks.find((c) => c.id === id))).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
      expect(result.plan).toEqual([]);
    });
  }

  it("on a page restricted to another project (an embed), keeps the verdict, adds why, and plans nothing", async () => {
    const { device, input } = signedFor("proxy-restricted");
    const result = await runProxyChecks(input, { proxy: proxy(), verifySignature: await vouch(device.address) }, deps());
    expect(restrictProxyClaim(result, { projectId: BigInt(ctx.deployment.demo.proxy.projectId) })).toBe(result);
    expect(restrictProxyClaim(result, { deviceNFT: ctx.deployment.demo.proxy.deviceNFT })).toBe(result);
    const outside = restrictProxyClaim(result, { projectId: 1n });
    expect(failed(outside)).toEqual([["page-project", `This device registers with project #${ctx.deployment.demo.proxy.projectId}, but this page only claims devices of project #1.`]]);
    expect(outside.plan).toEqual([]);
    expect(restrictProxyClaim(result, { deviceNFT: ctx.deployment.deviceNFT }).plan).toEqual([]);
  });

  it("refuses a device that signed for the owner instead of the proxy", async () => {
    const { device, input } = signedFor("proxy-owner-permit", owner());
    const result = await runProxyChecks(input, { proxy: proxy(), verifySignature: await vouch(device.address) }, deps());
    expect(failed(result)).toEqual([["proxy-signature", expect.stringContaining("The device signed for your wallet, but this project registers through its contract")]]);
    expect(result.plan).toEqual([]);
  });
});
