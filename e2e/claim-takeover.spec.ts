// A device bought second-hand: its ioID is held by the first owner; the new owner connects the device, which signs
// Permit(owner = the new owner), and takes the ioID over with its device wallet and everything in it.
import { parseEther } from "viem";
import { ioIDAbi } from "../lib/chain/abi";
import { startVirtualDeviceServer } from "../scripts/device/server";
import { account1, preSignedPayloadOf } from "./support/devices";
import { connectTestWallet, expect, test } from "./support/fixtures";
import { balanceOf, blockNumber } from "./support/claimPage";
import { deviceWalletOf, fundDeviceWallet } from "./support/deviceWrites";
import { e2eDeployment, e2ePublicClient, registerVirtualDevice } from "./support/registerDevice";

test.describe("take over a second-hand device", () => {
  test("the second owner takes the ioID over with the device's signature; the device wallet and its balance move too", async ({ page, devnet }) => {
    const registered = await registerVirtualDevice({ seed: "second-hand", owner: 0 });
    const wallet = await deviceWalletOf(registered);
    await fundDeviceWallet(wallet, { iotx: parseEther("2"), tokens: 1_000_000n });

    const server = await startVirtualDeviceServer({ port: 0, host: "127.0.0.1", privateKey: registered.privateKey });
    try {
      await page.goto("/claim?e2eAccount=1");
      await connectTestWallet(page, /0x70.*79C8/);
      await page.getByRole("tab", { name: /Wi-Fi/ }).click();
      await page.getByLabel("Device address on your network").fill(server.url);
      await page.getByRole("button", { name: "Connect to device" }).click();

      const offer = page.getByTestId("takeover-offer");
      await expect(offer).toContainText(`This device already has an ioID (#${registered.ioID})`);
      await expect(offer).toContainText("its device wallet with everything in it move to you");
      await expect(page.getByTestId("check-takeover-holder")).toHaveAttribute("data-ok", "true");
      await expect(page.getByTestId("check-takeover-holder")).toContainText("held by 0xf39F…2266");
      await expect(page.getByTestId("check-takeover-signature")).toHaveAttribute("data-ok", "true");
      await expect(page.getByTestId("check-takeover-moves")).toContainText(`its device wallet ${wallet.slice(0, 6)}…${wallet.slice(-4)} with everything in it (2 IOTX`);
      await expect(page.getByRole("button", { name: "Claim device" })).toHaveCount(0);

      await page.getByRole("button", { name: "Take over this device's ioID" }).click();
      await expect(page.getByTestId("claimed-ioid")).toHaveText(`#${registered.ioID}`, { timeout: 30_000 });
      await expect(page.getByTestId("claimed-did")).toHaveText(registered.did);
      await expect(page.getByTestId("claimed-wallet")).toHaveText(wallet);
    } finally {
      await server.close();
    }

    // On chain: the ioID is the new owner's, and its wallet kept what was in it.
    const owner = await e2ePublicClient.readContract({ address: e2eDeployment.ioID, abi: ioIDAbi, functionName: "ownerOf", args: [registered.ioID] });
    expect(owner).toBe(account1);
    expect(await balanceOf(devnet.rpc, wallet)).toBe(parseEther("2"));

    // The new owner's list shows it with its balance; the first owner's no longer does.
    const row = page.locator(`[data-testid="device-row"][data-device="${registered.address}"]`);
    await page.getByRole("link", { name: "See my devices" }).click();
    await expect(row.getByTestId("row-wallet-balance")).toHaveText("2 IOTX");
    await page.goto("/");
    await connectTestWallet(page);
    await page.getByRole("link", { name: "My devices" }).click();
    await expect(page.getByRole("heading", { name: "My devices" })).toBeVisible();
    await expect(page.getByRole("heading", { name: /No ioIDs yet/ })).toBeVisible();
    await expect(row).toHaveCount(0);
  });

  test("a device that signed for someone else is refused with that reason and nothing is sent", async ({ page, devnet }) => {
    const registered = await registerVirtualDevice({ seed: "second-hand-refused", owner: 0 });
    // The label's old pre-signed payload (for the first owner, at the nonce before registering) reaches the new owner.
    const before = await blockNumber(devnet.rpc);
    await page.goto("/claim?e2eAccount=1");
    await connectTestWallet(page, /0x70.*79C8/);
    await page.getByRole("tab", { name: "Paste" }).click();
    await page.getByLabel(/Paste the device/).fill(preSignedPayloadOf(registered.device));
    await page.getByRole("button", { name: "Use this" }).click();
    await expect(page.getByTestId("takeover-offer")).toBeVisible();
    await expect(page.getByTestId("check-takeover-signature")).toHaveAttribute("data-ok", "false");
    await expect(page.getByTestId("check-takeover-signature")).toContainText("The device did not sign for your account 0x7099…79C8 at nonce 1");
    await expect(page.getByRole("button", { name: "Take over this device's ioID" })).toBeDisabled();
    expect(await blockNumber(devnet.rpc)).toBe(before);
  });
});
