import { encodeFunctionData, erc20Abi, erc721Abi, formatUnits, isAddressEqual, parseUnits, zeroAddress, type Address, type Hex } from "viem";
import { erc6551AccountAbi } from "../chain/abi";
import type { PlannedCall } from "../claim/bindPlan";
import { parseAccountAddress, toIoAddress } from "../did/ioAddress";
import { text, type Text } from "../i18n/text";
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
  /** What the owner reads before confirming (also the call's `label`). */
  effect: Text;
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
  const said = effect(asset, recipient);
  return [{ kind: "wallet-send", to: wallet, value: 0n, data: encodeFunctionData({ abi: erc6551AccountAbi, functionName: "execute", args: execute }), label: said, effect: said, execute }];
}

/** A typed request for the call (viem/wagmi simulateContract and writeContract). */
export function executeRequest(call: WalletCall, account: Address) {
  return { address: call.to, abi: erc6551AccountAbi, functionName: "execute", args: call.execute, account } as const;
}

/** The exact effect, in the owner's words: "0.5 IOTX leaves the device wallet to io1… (0x…)". */
export function effect(asset: SendAsset, recipient: Address): Text {
  const to = { io: toIoAddress(recipient), address: recipient };
  if (asset.kind === "iotx") return text("DeviceWallet.effect.iotx", { amount: formatUnits(asset.amount, 18), ...to });
  if (asset.kind === "erc20") {
    const amount = formatUnits(asset.amount, asset.token.decimals);
    return asset.token.symbol ? text("DeviceWallet.effect.erc20", { amount, symbol: asset.token.symbol, ...to }) : text("DeviceWallet.effect.erc20NoSymbol", { amount, contract: asset.token.contract, ...to });
  }
  return text("DeviceWallet.effect.nft", { id: asset.nft.tokenId.toString(), name: asset.nft.name ?? asset.nft.contract, ...to });
}

/** A decimal amount in the token's units; a clear reason for anything else. */
export function parseAmount(typed: string, decimals: number): { amount: bigint } | { error: Text } {
  const t = typed.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return { error: text("DeviceWallet.amount.format") };
  const fraction = t.split(".")[1] ?? "";
  if (fraction.length > decimals) return { error: text("DeviceWallet.amount.decimals", { decimals }) };
  const amount = parseUnits(t, decimals);
  if (amount === 0n) return { error: text("DeviceWallet.amount.zero") };
  return { amount };
}

export interface RecipientContext {
  wallet: Address;
  device: Address | undefined;
}

/** A recipient in 0x or io1 form, refused where the asset would be lost or go nowhere. */
export function checkRecipient(typed: string, ctx: RecipientContext): { address: Address } | { error: Text } {
  const parsed = parseAccountAddress(typed);
  if ("error" in parsed) return parsed;
  const { address } = parsed;
  if (isAddressEqual(address, zeroAddress)) return { error: text("DeviceWallet.recipient.zero") };
  if (isAddressEqual(address, ctx.wallet)) return { error: text("DeviceWallet.recipient.self") };
  if (ctx.device && isAddressEqual(address, ctx.device)) {
    return { error: text("DeviceWallet.recipient.deviceKey") };
  }
  return { address };
}

/** What the owner should read before confirming; `recipientIsContract` from eth_getCode. */
export function sendWarnings(asset: SendAsset, recipientIsContract: boolean): Text[] {
  const warnings: Text[] = [];
  if (asset.kind === "nft" && asset.nft.isDeviceNFT) warnings.push(text("DeviceWallet.warning.deviceNft"));
  if (recipientIsContract) warnings.push(text(asset.kind === "nft" ? "DeviceWallet.warning.contractNft" : "DeviceWallet.warning.contract"));
  return warnings;
}
