// Fleet claims: a pasted list of pre-signed devices checked together and claimed in one prompt with a batching
// wallet, or one approval for all + one prompt per device without; a mixed queue names each failure and claims
// the rest; a reload while sending watches what was sent and offers the rest.
import { encodeFunctionData, type Address } from "viem";
import type { Page } from "@playwright/test";
import { deviceNFTAbi } from "../lib/chain/abi";
import { minimalDocument } from "../lib/claim/document";
import { dataUriForDocument, documentHash } from "../lib/did/didDocument";
import { createVirtualDevice } from "../lib/device/simulated/virtualDevice";
import { useSequentialTestWallet, walletPrompts } from "./support/claimPage";
import { account0, account1, devnetDeployment, preSignedPayload, preSignedPayloadOf } from "./support/devices";
import { connectTestWallet, expect, test } from "./support/fixtures";
import { registerVirtualDevice } from "./support/registerDevice";

type Rpc = <T>(method: string, params?: unknown[]) => Promise<T>;

/** Device NFTs for account 0 beyond the four the devnet seeds (account 0 mints the demo collection). */
async function mintToOwner(rpc: Rpc, count: number): Promise<void> {
  const data = encodeFunctionData({ abi: deviceNFTAbi, functionName: "mint", args: [account0] });
  for (let i = 0; i < count; i++) await rpc("eth_sendTransaction", [{ from: account0, to: devnetDeployment.deviceNFT, data }]);
}

/** As a factory prints it: signed for the buyer, the document referenced by URI (stored off chain). */
const labelFor = (seed: string, permit: { owner?: Address } = {}) => {
  // The app fetches docUri and checks it against docHash: a data: URI needs no host the e2e browser may reach.
  const device = createVirtualDevice({ seed });
  const document = minimalDocument(device.did, device.publicKey);
  return preSignedPayload(seed, permit, { docUri: dataUriForDocument(document), docHash: documentHash(document) });
};

async function openFleet(page: Page, lines: string[]): Promise<void> {
  await page.goto("/claim/fleet");
  await connectTestWallet(page);
  await page.getByLabel("Claim codes or links, one per line").fill(lines.join("\n"));
  await page.getByRole("button", { name: "Add to queue" }).click();
  await expect(page.getByTestId("fleet-added")).toHaveText(`Added ${lines.length} devices.`);
}

/** Mines once account 0's next transaction is in the pool (the wallet submits it a moment after its prompt opens). */
async function mineWhenSent(rpc: Rpc): Promise<void> {
  await expect
    .poll(async () => BigInt(await rpc<string>("eth_getTransactionCount", [account0, "pending"])) - BigInt(await rpc<string>("eth_getTransactionCount", [account0, "latest"])), { timeout: 10_000 })
    .toBeGreaterThan(0n);
  await rpc("evm_mine");
}

const rows = (page: Page) => page.getByTestId("fleet-row");
const readyRows = (page: Page) => page.locator('[data-testid="fleet-row"][data-ok="true"]');

test.describe("fleet claim", () => {
  test("25 pre-signed devices pasted are checked together and claimed in one prompt with an EIP-5792 wallet", async ({ page, devnet }) => {
    await useSequentialTestWallet(page);
    await mintToOwner(devnet.rpc, 21);
    const seeds = Array.from({ length: 25 }, (_, i) => `e2e-fleet-batch-${i}`);
    await openFleet(page, seeds.map((s) => labelFor(s)));
    await expect(readyRows(page)).toHaveCount(25, { timeout: 30_000 });
    await expect(page.getByTestId("fleet-prompts")).toHaveText(/^One wallet confirmation: your wallet sends all 25 registrations one after another/);
    await expect(page.getByTestId("fleet-projects")).toContainText("25 devices, 2 free from the prepaid quota, 23 at 1 IOTX: 23 IOTX");
    await page.getByRole("button", { name: "Claim 25 devices" }).click();
    await expect(page.getByTestId("fleet-summary")).toHaveText("25 claimed.", { timeout: 60_000 });
    expect(await walletPrompts(page)).toBe(1);
    await expect(page.getByTestId("fleet-results").locator("tbody tr")).toHaveCount(25);
    const did = createVirtualDevice({ seed: seeds[0]! }).did;
    await expect(page.getByRole("link", { name: did })).toHaveAttribute("href", `/devices/${encodeURIComponent(did)}`);
  });

  test("without batching: one approval for all, then one prompt per device, with progress", async ({ page, devnet }) => {
    // The test wallet counts its prompts where the page can read them.
    await page.addInitScript(() => void ((window as Window & { __e2eWallet?: object }).__e2eWallet = {}));
    await mintToOwner(devnet.rpc, 21);
    await openFleet(page, Array.from({ length: 25 }, (_, i) => labelFor(`e2e-fleet-single-${i}`)));
    await expect(readyRows(page)).toHaveCount(25, { timeout: 30_000 });
    await expect(page.getByTestId("fleet-prompts")).toHaveText(/^Your wallet will ask 1 \+ 25 times: first one approval for all/);
    await page.getByRole("button", { name: "Claim 25 devices" }).click();
    await expect(page.getByTestId("fleet-progress")).toHaveText(/^\d+ of 25 sent/);
    await expect(page.getByTestId("fleet-summary")).toHaveText("25 claimed.", { timeout: 90_000 });
    expect(await walletPrompts(page)).toBe(26);
  });

  test("a mixed queue claims the valid devices and names each failure", async ({ page }) => {
    const registered = await registerVirtualDevice({ seed: "e2e-fleet-registered" });
    const lines = [
      labelFor("e2e-fleet-mixed-1"),
      preSignedPayloadOf(registered.device, { nonce: 1n }),
      labelFor("e2e-fleet-mixed-2"),
      labelFor("e2e-fleet-other-owner", { owner: account1 }),
      labelFor("e2e-fleet-mixed-3"),
      labelFor("e2e-fleet-mixed-4"),
      labelFor("e2e-fleet-mixed-5"), // account 0 holds four unused device NFTs: none is left for this one
    ];
    await openFleet(page, lines);
    await expect(readyRows(page)).toHaveCount(4, { timeout: 30_000 });
    const reason = (i: number) => rows(page).nth(i).getByTestId("fleet-row-reason");
    await expect(reason(1)).toContainText("This device already has an ioID.");
    await expect(reason(3)).toContainText("The device signed for another owner");
    await expect(reason(6)).toContainText("went to the devices above: none is left for this one.");
    await page.getByRole("button", { name: "Claim 4 devices" }).click();
    await expect(page.getByTestId("fleet-summary")).toHaveText("4 claimed.", { timeout: 60_000 });
    await expect(reason(3)).toContainText("The device signed for another owner");
  });
});

test.describe("fleet claim across a reload", () => {
  test.beforeEach(async ({ devnet }) => void (await devnet.rpc("evm_setAutomine", [false])));
  test.afterEach(async ({ devnet }) => void (await devnet.rpc("evm_setAutomine", [true])));

  test("a reload in the middle of sending finishes what was sent and offers the rest", async ({ page, devnet }) => {
    const seeds = ["e2e-fleet-reload-1", "e2e-fleet-reload-2", "e2e-fleet-reload-3"];
    await devnet.rpc("evm_setAutomine", [true]);
    await openFleet(page, seeds.map((s) => labelFor(s)));
    await expect(readyRows(page)).toHaveCount(3, { timeout: 30_000 });
    await devnet.rpc("evm_setAutomine", [false]);
    await page.getByRole("button", { name: "Claim 3 devices" }).click();
    const progress = page.getByTestId("fleet-progress");
    await expect(progress).toHaveText(/^0 of 3 sent/);
    await mineWhenSent(devnet.rpc); // the approval for all
    await expect(progress).toHaveText(/^1 of 3 sent/, { timeout: 20_000 });
    await mineWhenSent(devnet.rpc); // the first device
    await expect(progress).toHaveText(/^2 of 3 sent/, { timeout: 20_000 });
    await page.reload(); // the second device's registration is in flight
    await mineWhenSent(devnet.rpc);
    await devnet.rpc("evm_setAutomine", [true]);
    await connectTestWallet(page);
    await expect(page.locator('[data-testid="fleet-row"][data-status="done"]')).toHaveCount(2, { timeout: 30_000 });
    await expect(readyRows(page).and(page.locator('[data-status="queued"]'))).toHaveCount(1, { timeout: 30_000 });
    await page.getByRole("button", { name: "Claim 1 device" }).click();
    await expect(page.getByTestId("fleet-summary")).toHaveText("3 claimed.", { timeout: 30_000 });
  });

  test("a bundle the wallet took before a reload is watched to its end; the bundles never sent are offered again", async ({ page, devnet }) => {
    // The wallet refuses bundles of more than 3 calls: one device per bundle, between the approval and its withdrawal.
    await useSequentialTestWallet(page, { maxCalls: 3 });
    const seeds = ["e2e-fleet-bundle-1", "e2e-fleet-bundle-2", "e2e-fleet-bundle-3"];
    await devnet.rpc("evm_setAutomine", [true]);
    await openFleet(page, seeds.map((s) => labelFor(s)));
    await expect(readyRows(page)).toHaveCount(3, { timeout: 30_000 });
    await expect(page.getByTestId("fleet-prompts")).toHaveText(/^One wallet confirmation/);
    await devnet.rpc("evm_setAutomine", [false]);
    await page.getByRole("button", { name: "Claim 3 devices" }).click();
    const progress = page.getByTestId("fleet-progress");
    await expect(progress).toHaveText("1 of 3 sent · wallet prompt 1 of 3 · your wallet takes at most 3 calls at once, so it asks 3 times");
    await expect(page.locator('[data-testid="fleet-row"][data-status="sent"]')).toHaveCount(1);
    await page.reload(); // the first bundle's approval waits in the pool; its register and withdrawal are not sent yet
    await mineWhenSent(devnet.rpc);
    await devnet.rpc("evm_setAutomine", [true]);
    await connectTestWallet(page);
    await expect(page.locator('[data-testid="fleet-row"][data-status="done"]')).toHaveCount(1, { timeout: 30_000 });
    await expect(readyRows(page).and(page.locator('[data-status="queued"]'))).toHaveCount(2, { timeout: 30_000 });
    await page.getByRole("button", { name: "Claim 2 devices" }).click();
    await expect(page.getByTestId("fleet-summary")).toHaveText("3 claimed.", { timeout: 30_000 });
    expect(await walletPrompts(page)).toBe(2); // after the reload: 2 bundles of one device each
  });
});
