// Verification before signing, through the page: every refusal names its reason and sends nothing, and the
// registration fee is charged once the project's prepaid ioIDs are used up.
import { formatEther, parseEther, type Address } from "viem";
import { ioIDStoreAbi } from "../lib/chain/abi";
import { createVirtualDevice } from "../lib/device/simulated/virtualDevice";
import { balanceOf, blockNumber, expectClaimed, expectReadyToClaim, openReadyClaim, pasteClaim } from "./support/claimPage";
import { account0, account1, devnetDeployment, preSignedPayload, preSignedPayloadOf } from "./support/devices";
import { connectTestWallet, expect, test } from "./support/fixtures";
import { e2ePublicClient, registerVirtualDevice } from "./support/registerDevice";

const deviceNFT = devnetDeployment.deviceNFT as Address;

test.describe("claim checks", () => {
  test("after the two prepaid ioIDs the third claim says it costs 1 IOTX and pays it", async ({ page, devnet }) => {
    // The project's quota is spent from Node, as two other owners' claims would.
    await registerVirtualDevice({ seed: "e2e-fee-1" });
    await registerVirtualDevice({ seed: "e2e-fee-2" });
    const did = createVirtualDevice({ seed: "e2e-fee-3" }).did;

    await openReadyClaim(page, preSignedPayload("e2e-fee-3"));
    await expect(page.getByTestId("check-fee")).toContainText("The project's prepaid ioIDs are used up: registering costs 1 IOTX");
    await expect(page.getByText("Fee: 1 IOTX, sent with the registration.")).toBeVisible();

    const feeReceiver = await e2ePublicClient.readContract({ address: devnetDeployment.ioIDStore as Address, abi: ioIDStoreAbi, functionName: "feeReceiver" });
    const payee = /^0x0{40}$/.test(feeReceiver) ? (devnetDeployment.ioIDStore as Address) : feeReceiver;
    const [ownerBefore, payeeBefore] = await Promise.all([balanceOf(devnet.rpc, account0), balanceOf(devnet.rpc, payee)]);

    await page.getByRole("button", { name: "Claim device" }).click();
    await expectClaimed(page, did, "#3");

    const [ownerAfter, payeeAfter] = await Promise.all([balanceOf(devnet.rpc, account0), balanceOf(devnet.rpc, payee)]);
    expect(payeeAfter - payeeBefore).toBe(parseEther("1"));
    const spent = ownerBefore - ownerAfter;
    expect(spent, `owner spent ${formatEther(spent)}`).toBeGreaterThan(parseEther("1"));
    expect(spent, `owner spent ${formatEther(spent)}`).toBeLessThan(parseEther("1.01"));
  });

  const refusals: {
    name: string;
    check: string;
    reason: RegExp;
    /** Chain state the refusal needs; returns the text to paste. */
    setup: (rpc: <T>(method: string, params?: unknown[]) => Promise<T>) => Promise<string>;
  }[] = [
    {
      name: "a stale nonce",
      check: "signature",
      reason: /The signature is stale: it was made for nonce 1, and the registry now expects nonce 0/,
      setup: async () => preSignedPayload("e2e-stale", { nonce: 1n }),
    },
    {
      name: "another chain",
      check: "signature",
      reason: /The device signed for chain 4690, but you are on chain 31337/,
      setup: async () => preSignedPayload("e2e-chain", { chainId: 4690 }),
    },
    {
      name: "another registry",
      check: "signature",
      reason: /The device signed for another ioID registry/,
      setup: async () => preSignedPayload("e2e-registry", { registry: devnetDeployment.ioIDStore as Address }),
    },
    {
      name: "a device that is already registered",
      check: "device-unregistered",
      reason: /This device already has an ioID/,
      // Registered from Node; the label then carries a fresh signature for the device's next nonce.
      setup: async () => {
        const registered = await registerVirtualDevice({ seed: "e2e-dup" });
        return preSignedPayloadOf(registered.device, { nonce: 1n });
      },
    },
    {
      name: "a device NFT already used for another device",
      check: "nft-unused",
      reason: /This device NFT was already used for a registration/,
      setup: async () => {
        const other = await registerVirtualDevice({ seed: "e2e-used-nft" });
        return preSignedPayload("e2e-used-nft-2", {}, { deviceNFT: { contract: deviceNFT, tokenId: other.deviceNFTTokenId } });
      },
    },
    {
      name: "a device NFT held by someone else",
      check: "nft-owned",
      reason: new RegExp(`Token #5 belongs to ${account1.slice(0, 6)}`, "i"),
      setup: async () => preSignedPayload("e2e-foreign-nft", {}, { deviceNFT: { contract: deviceNFT, tokenId: 5n } }),
    },
    {
      name: "too little IOTX for gas",
      check: "balance",
      reason: /You have 0\.001 IOTX; about 0\.01 IOTX is needed/,
      setup: async (rpc) => {
        await rpc("anvil_setBalance", [account0, `0x${parseEther("0.001").toString(16)}`]);
        return preSignedPayload("e2e-poor");
      },
    },
  ];

  for (const refusal of refusals) {
    test(`${refusal.name} is refused with its reason and nothing is sent`, async ({ page, devnet }) => {
      const text = await refusal.setup(devnet.rpc);
      const before = await blockNumber(devnet.rpc);
      await page.goto("/claim");
      await connectTestWallet(page);
      await pasteClaim(page, text);
      const check = page.getByTestId(`check-${refusal.check}`);
      await expect(check).toHaveAttribute("data-ok", "false");
      await expect(check).toContainText(refusal.reason);
      await expect(page.getByRole("button", { name: "Claim device" })).toBeDisabled();
      await expect(page.getByRole("button", { name: "Check again" })).toBeVisible();
      expect(await blockNumber(devnet.rpc)).toBe(before);
    });
  }

  test("a collection bound to no ioID project is refused as such", async ({ page, devnet }) => {
    const before = await blockNumber(devnet.rpc);
    await openReadyClaim(page, preSignedPayload("e2e-unbound"));
    await page.getByLabel("Other collection address").fill(devnetDeployment.demo.unboundDeviceNFT);
    await page.getByRole("button", { name: "Use", exact: true }).click();
    await expect(page.getByTestId("check-project")).toHaveAttribute("data-ok", "false");
    await expect(page.getByTestId("check-project")).toContainText("is not bound to any ioID project, so it cannot register devices");
    await expect(page.getByRole("button", { name: "Claim device" })).toBeDisabled();
    expect(await blockNumber(devnet.rpc)).toBe(before);
    // Back to the device's own collection: the claim is possible again.
    await page.getByLabel("Collection", { exact: true }).selectOption(deviceNFT);
    await expectReadyToClaim(page);
  });
});
