import { parseEther } from "viem";
import type { Page } from "@playwright/test";
import { toIoAddress } from "../lib/did/ioAddress";
import { connectTestWallet, expect, test } from "./support/fixtures";
import { accountAddress, deviceWalletOf, fundDeviceWallet } from "./support/deviceWrites";
import { e2eDeployment, e2ePublicClient, registerVirtualDevice, type RegisteredDevice } from "./support/registerDevice";

/** Connects account 0 (or 1) and opens the device's page through the lookup, staying connected. */
async function openDevicePage(page: Page, device: RegisteredDevice, account: 0 | 1 = 0): Promise<void> {
  await page.goto(account === 1 ? "/?e2eAccount=1" : "/");
  await connectTestWallet(page, account === 1 ? /0x70.*79C8/ : undefined);
  await page.getByRole("link", { name: "My devices" }).click();
  await page.getByLabel("Look up any device").fill(device.did);
  await page.getByRole("button", { name: "Look up" }).click();
  await expect(page.getByTestId("device-did")).toHaveText(device.did);
}

async function fundedDevice(seed: string) {
  const device = await registerVirtualDevice({ seed });
  const wallet = await deviceWalletOf(device);
  await fundDeviceWallet(wallet, { iotx: parseEther("2"), tokens: 12_500_000n });
  return { device, wallet };
}

test.describe("device wallet", () => {
  test("shows IOTX, the ERC-20 and the NFTs; the owner sends part of each and the balances follow", async ({ page }) => {
    const { device, wallet } = await fundedDevice("wallet-send");
    const recipient = accountAddress(3);
    await page.goto("/");
    await connectTestWallet(page);
    await page.getByRole("link", { name: "My devices" }).click();
    const row = page.locator(`[data-testid="device-row"][data-device="${device.address}"]`);
    await expect(row.getByTestId("row-wallet-balance")).toHaveText("2 IOTX");
    await expect(row.getByTestId("row-token-marker")).toHaveText("+ 1 token, 1 NFT");
    await row.getByRole("link").click();

    const assets = page.getByTestId("wallet-assets");
    const iotx = assets.getByTestId("asset-iotx");
    const token = assets.getByTestId("asset-token");
    await expect(iotx.getByTestId("asset-amount")).toHaveText("2 IOTX");
    await expect(token.getByTestId("asset-amount")).toHaveText("12.5 DRW");
    await expect(assets.getByTestId("asset-device-nft").getByTestId("asset-amount")).toHaveText(`Demo DePIN Device #${device.deviceNFTTokenId}`);
    await expect(assets.getByTestId("asset-nft").getByTestId("asset-amount")).toHaveText("Devnet Badge #1");

    // IOTX to an io1 address: the review states the exact effect before anything is signed.
    await iotx.getByRole("button", { name: "Send" }).click();
    await iotx.getByLabel("Amount (IOTX)").fill("0.5");
    await iotx.getByLabel("Recipient address").fill(toIoAddress(recipient));
    await iotx.getByRole("button", { name: "Review send" }).click();
    await expect(iotx.getByTestId("send-effect")).toHaveText(`0.5 IOTX leaves the device wallet to ${toIoAddress(recipient)} (${recipient})`);
    await iotx.getByRole("button", { name: "Send", exact: true }).click();
    await expect(iotx.getByText(/^Sent: 0\.5 IOTX/)).toBeVisible({ timeout: 20_000 });
    await expect(iotx.getByTestId("asset-amount")).toHaveText("1.5 IOTX");
    expect(await e2ePublicClient.getBalance({ address: wallet })).toBe(parseEther("1.5"));

    // Part of the ERC-20: Max fills the balance in, the owner edits it down.
    await token.getByRole("button", { name: "Send" }).click();
    await token.getByRole("button", { name: "Max" }).click();
    await expect(token.getByLabel("Amount (DRW)")).toHaveValue("12.5");
    await token.getByLabel("Amount (DRW)").fill("2.5");
    await token.getByLabel("Recipient address").fill(recipient);
    await token.getByRole("button", { name: "Review send" }).click();
    await expect(token.getByTestId("send-effect")).toContainText("2.5 DRW leaves the device wallet");
    await token.getByRole("button", { name: "Send", exact: true }).click();
    await expect(token.getByTestId("asset-amount")).toHaveText("10 DRW", { timeout: 20_000 });

    // The badge NFT leaves; the device NFT stays first.
    const nft = assets.getByTestId("asset-nft");
    await nft.getByRole("button", { name: "Send" }).click();
    await nft.getByLabel("Recipient address").fill(recipient);
    await nft.getByRole("button", { name: "Review send" }).click();
    await expect(nft.getByTestId("send-effect")).toContainText("NFT #1 of Devnet Badge leaves the device wallet");
    await nft.getByRole("button", { name: "Send", exact: true }).click();
    await expect(assets.getByTestId("asset-nft")).toHaveCount(0, { timeout: 20_000 });
    await expect(assets.getByTestId("asset-device-nft")).toBeVisible();
  });

  test("refuses what the simulation rejects, with its reason, and sends nothing", async ({ page }) => {
    const { device, wallet } = await fundedDevice("wallet-refuse");
    await openDevicePage(page, device);
    const assets = page.getByTestId("wallet-assets");
    const token = assets.getByTestId("asset-token");
    await token.getByRole("button", { name: "Send" }).click();
    // Bad input is explained and kept.
    await token.getByLabel("Amount (DRW)").fill("20");
    await token.getByLabel("Recipient address").fill("0x0000000000000000000000000000000000000000");
    await token.getByRole("button", { name: "Review send" }).click();
    await expect(token.getByRole("alert")).toContainText("zero address");
    await token.getByLabel("Recipient address").fill(device.address);
    await token.getByRole("button", { name: "Review send" }).click();
    await expect(token.getByRole("alert")).toContainText("device's key address");
    await expect(token.getByLabel("Amount (DRW)")).toHaveValue("20");
    // More than the balance: the chain says no.
    await token.getByLabel("Recipient address").fill(accountAddress(3));
    await token.getByRole("button", { name: "Review send" }).click();
    await expect(token.getByTestId("send-refused")).toContainText("holds less of this token than that amount");
    await expect(token.getByRole("button", { name: "Send", exact: true })).toHaveCount(0);

    // An NFT to a contract that is no NFT receiver (the test ERC-20): warned, then refused.
    const nft = assets.getByTestId("asset-nft");
    await nft.getByRole("button", { name: "Send" }).click();
    await nft.getByLabel("Recipient address").fill(e2eDeployment.demo.testToken);
    await nft.getByRole("button", { name: "Review send" }).click();
    await expect(nft.getByTestId("send-warning")).toContainText("The recipient is a contract");
    await expect(nft.getByTestId("send-refused")).toContainText("cannot receive NFTs");
    await expect(nft.getByRole("button", { name: "Send", exact: true })).toHaveCount(0);

    // The device NFT: allowed, with its explicit warning.
    const own = assets.getByTestId("asset-device-nft");
    await own.getByRole("button", { name: "Send" }).click();
    await own.getByLabel("Recipient address").fill(accountAddress(3));
    await own.getByRole("button", { name: "Review send" }).click();
    await expect(own.getByTestId("send-warning")).toContainText("changes nothing on the ioID");
    await expect(own.getByRole("button", { name: "Send", exact: true })).toBeEnabled();

    // Nothing moved.
    await expect(token.getByTestId("asset-amount")).toHaveText("12.5 DRW");
    expect(await e2ePublicClient.getBalance({ address: wallet })).toBe(parseEther("2"));
  });

  test("someone else sees the assets read-only", async ({ page }) => {
    const { device } = await fundedDevice("wallet-readonly");
    await openDevicePage(page, device, 1);
    await expect(page.getByText("you are looking at it read-only")).toBeVisible();
    const assets = page.getByTestId("wallet-assets");
    await expect(assets.getByTestId("assets-access")).toContainText("Read-only");
    await expect(assets.getByTestId("asset-token").getByTestId("asset-amount")).toHaveText("12.5 DRW");
    await expect(assets.getByRole("button", { name: "Send" })).toHaveCount(0);
  });
});
