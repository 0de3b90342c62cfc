import { encodeFunctionData, erc20Abi, erc721Abi, formatUnits, isAddressEqual, parseUnits, zeroAddress, type Address, type Hex } from "viem";
import { erc6551AccountAbi } from "../chain/abi";
import type { PlannedCall } from "../claim/bindPlan";
import { parseAccountAddress, toIoAddress } from "../did/ioAddress";
import type { NftHolding, TokenHolding } from "./assets";

// Sending out of a device wallet: the ioID owner calls the wallet's execute(to, value, data, 0) (ERC-6551, CALL
// only), which makes the wallet itself pay the IOTX, transfer the ERC-20 or hand over the NFT. The plan is a list
// of calls like every other write in the app, so the one executor (lib/claim/execute.ts) sends and follows it.

export type SendAsset =
  | { kind: "iotx"; amount: bigint }
  | { kind: "erc20"; token: TokenHolding; amount: bigint }
  | { kind: "nft"; nft: NftHolding };

/** One call of the plan (the executor's PlannedCall): the owner sends `data` to the device wallet. */
export interface WalletCall extends PlannedCall {
  kind: "wallet-send";
  /** execute()'s arguments, for simulations that take a typed request. */
  execute: readonly [Address, bigint, Hex, number];
}

export const CALL_OPERATION = 0;

/** The wallet's inner call for `asset`: what execute(to, value, data, 0) must carry. */
function innerCall(wallet: Address, asset: SendAsset, recipient: Address): readonly [Address, bigint, Hex] {
  if (asset.kind === "iotx") return [recipient, asset.amount, "0x"];
  if (asset.kind === "erc20") return [asset.token.contract, 0n, encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [recipient, asset.amount] })];
  // safeTransferFrom, not transferFrom: a contract that cannot hold NFTs refuses, and the simulation says so.
  return [asset.nft.contract, 0n, encodeFunctionData({ abi: erc721Abi, functionName: "safeTransferFrom", args: [wallet, recipient, asset.nft.tokenId] })];
}

export function sendPlan(wallet: Address, asset: SendAsset, recipient: Address): WalletCall[] {
  const [to, value, data] = innerCall(wallet, asset, recipient);
  const execute = [to, value, data, CALL_OPERATION] as const;
  return [{ kind: "wallet-send", to: wallet, value: 0n, data: encodeFunctionData({ abi: erc6551AccountAbi, functionName: "execute", args: execute }), label: effectText(asset, recipient), execute }];
}

/** A typed request for the call (viem/wagmi simulateContract and writeContract). */
export function executeRequest(call: WalletCall, account: Address) {
  return { address: call.to, abi: erc6551AccountAbi, functionName: "execute", args: call.execute, account } as const;
}

export function assetText(asset: SendAsset): string {
  if (asset.kind === "iotx") return `${formatUnits(asset.amount, 18)} IOTX`;
  if (asset.kind === "erc20") return `${formatUnits(asset.amount, asset.token.decimals)} ${asset.token.symbol ?? `tokens of ${asset.token.contract}`}`;
  return `NFT #${asset.nft.tokenId} of ${asset.nft.name ?? asset.nft.contract}`;
}

/** The exact effect, in the owner's words: "0.5 IOTX leaves the device wallet to io1… (0x…)". */
export function effectText(asset: SendAsset, recipient: Address): string {
  return `${assetText(asset)} leaves the device wallet to ${toIoAddress(recipient)} (${recipient})`;
}

/** A decimal amount in the token's units; a clear reason for anything else. */
export function parseAmount(text: string, decimals: number): { amount: bigint } | { error: string } {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return { error: "Enter an amount like 12 or 0.5 (digits, one dot)." };
  const fraction = t.split(".")[1] ?? "";
  if (fraction.length > decimals) return { error: `This token has ${decimals} decimals: at most ${decimals} digits after the dot.` };
  const amount = parseUnits(t, decimals);
  if (amount === 0n) return { error: "Enter an amount above zero." };
  return { amount };
}

export interface RecipientContext {
  wallet: Address;
  device: Address | undefined;
}

/** A recipient in 0x or io1 form, refused where the asset would be lost or go nowhere. */
export function checkRecipient(text: string, ctx: RecipientContext): { address: Address } | { error: string } {
  const parsed = parseAccountAddress(text);
  if ("error" in parsed) return parsed;
  const { address } = parsed;
  if (isAddressEqual(address, zeroAddress)) return { error: "That is the zero address: whatever is sent there is lost for good." };
  if (isAddressEqual(address, ctx.wallet)) return { error: "That is this device wallet itself: nothing would leave it." };
  if (ctx.device && isAddressEqual(address, ctx.device)) {
    return { error: "That is the device's key address, not a wallet. Only someone holding the device's key could ever move it on." };
  }
  return { address };
}

/** What the owner should read before confirming; `recipientIsContract` from eth_getCode. */
export function sendWarnings(asset: SendAsset, recipientIsContract: boolean): string[] {
  const warnings: string[] = [];
  if (asset.kind === "nft" && asset.nft.isDeviceNFT) {
    warnings.push(
      "This is the device NFT the ioID was registered with; this wallet is its home. Moving it out is allowed, but it changes nothing on the ioID: the registration, the DID and the ownership stay as they are, and this NFT can never register a device again.",
    );
  }
  if (recipientIsContract) {
    warnings.push(
      asset.kind === "nft"
        ? "The recipient is a contract. It receives the NFT only if it accepts NFTs (onERC721Received); the check below asks the chain."
        : "The recipient is a contract, not a person's wallet. Send only if you know it can move what it receives.",
    );
  }
  return warnings;
}
