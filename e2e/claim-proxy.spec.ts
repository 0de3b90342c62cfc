// Claims through the devnet's VerifyingProxy ("Proxy Project"): the device signs Permit(owner = proxy), the project's
// verifier (scripts/verifier, beside the e2e app) approves (chain, owner, device), and the owner sends
// proxy.register with no device NFT and no approval. Each refusal is named in the checklist and sends nothing.
import type { Address, Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { encodeClaimPayload } from "../lib/claim/input/encode";
import { verifierMessage } from "../lib/claim/proxy/verifierMessage";
import { devnetVerifierPrivateKey } from "../scripts/devnet/accounts";
import { createVirtualDevice } from "../lib/device/simulated/virtualDevice";
import { account0, devnetDeployment, preSignedPayload, withVirtualDevice } from "./support/devices";
import { blockNumber, expectReadyToClaim, pasteClaim } from "./support/claimPage";
import { connectTestWallet, expect, test } from "./support/fixtures";
import { e2eVerifierUrl } from "./support/ports";
import type { Page } from "@playwright/test";

const proxy = devnetDeployment.demo.proxy.address as Address;

/** The project's verifier's approval for account 0 and this device, as its cloud would sign it. */
const approval = (seed: string): Promise<Hex> =>
  privateKeyToAccount(devnetVerifierPrivateKey).signMessage({ message: { raw: verifierMessage(devnetDeployment.chainId, account0, createVirtualDevice({ seed }).address) } });

async function openClaim(page: Page, payload: string): Promise<void> {
  await page.goto("/claim");
  await connectTestWallet(page);
  await pasteClaim(page, payload);
}

async function expectClaimedThroughProxy(page: Page, did: string): Promise<void> {
  await expect(page.getByTestId("proxy-note")).toContainText("you need no device NFT and give no approval");
  await expectReadyToClaim(page);
  await expect(page.getByTestId("check-proxy-project")).toContainText(`project #${devnetDeployment.demo.proxy.projectId}`);
  await page.getByRole("button", { name: "Claim device" }).click();
  await expect(page.getByTestId("claimed-ioid")).toHaveText("#1", { timeout: 30_000 });
  await expect(page.getByTestId("claimed-did")).toHaveText(did);
}

test.describe("claim through a project's VerifyingProxy", () => {
  test("with the verifier's URL: the device signs for the proxy over Wi-Fi and the ioID is minted to the owner", async ({ page }) => {
    await withVirtualDevice("e2e-proxy-url", async (server) => {
      const { device } = server;
      await openClaim(page, encodeClaimPayload({ v: 1, did: device.did, puk: device.publicKey, endpoint: server.url, proxy, verifier: e2eVerifierUrl }));
      await expect(page.getByTestId("check-proxy-verifier")).toContainText("Approved by the project's verifier");
      await expect(page.getByTestId("check-proxy-signature")).toContainText("Signed by the device for the project's registration contract");
      await expectClaimedThroughProxy(page, device.did);
    });
  });

  test("with an inline verifySignature and a device that pre-signed for the proxy", async ({ page }) => {
    const seed = "e2e-proxy-inline";
    await openClaim(page, preSignedPayload(seed, { owner: proxy }, { proxy, verifySignature: await approval(seed) }));
    await expectClaimedThroughProxy(page, createVirtualDevice({ seed }).did);
  });

  const refusals: { name: string; payload: (seed: string) => Promise<string>; check: string; reason: string }[] = [
    {
      name: "a verifier that refuses",
      payload: async (seed) => preSignedPayload(seed, { owner: proxy }, { proxy, verifier: `${e2eVerifierUrl}?refuse=1` }),
      check: "proxy-verifier",
      reason: "The project's verifier refused this device (HTTP 403): “This device is not registered with the project.”",
    },
    {
      name: "an approval not signed by the project's verifier",
      payload: async (seed) => preSignedPayload(seed, { owner: proxy }, { proxy, verifier: `${e2eVerifierUrl}?signer=wrong` }),
      check: "proxy-verifier",
      reason: "The approval was not signed by the project's verifier",
    },
    {
      name: "a proxy of no project",
      payload: async (seed) => {
        const notProxy = devnetDeployment.ioIDStore as Address;
        return preSignedPayload(seed, { owner: notProxy }, { proxy: notProxy, verifySignature: await approval(seed) });
      },
      check: "proxy-project",
      reason: "is not a project's registration contract (VerifyingProxy), so it cannot register this device",
    },
    {
      name: "a device that signed for the owner instead of the proxy",
      payload: async (seed) => preSignedPayload(seed, { owner: account0 }, { proxy, verifySignature: await approval(seed) }),
      check: "proxy-signature",
      reason: "The device signed for your wallet, but this project registers through its contract",
    },
  ];
  for (const refusal of refusals) {
    test(`refuses ${refusal.name} with its reason, and sends nothing`, async ({ page, devnet }) => {
      const payload = await refusal.payload(`e2e-proxy-${refusal.check}-${refusal.name.length}`);
      const before = await blockNumber(devnet.rpc);
      await openClaim(page, payload);
      const row = page.getByTestId(`check-${refusal.check}`);
      await expect(row).toHaveAttribute("data-ok", "false");
      await expect(row).toContainText(refusal.reason);
      await expect(page.getByRole("button", { name: "Claim device" })).toBeDisabled();
      expect(await blockNumber(devnet.rpc)).toBe(before);
    });
  }
});
