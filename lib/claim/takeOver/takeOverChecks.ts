import { isAddressEqual, parseEventLogs, type Address, type Hex, type PublicClient, type TransactionReceipt } from "viem";
import { ioIDAbi } from "../../chain/abi";
import { parseDid } from "../../did/did";
import type { PlannedCall } from "../bindPlan";
import type { Check, Checklist } from "../checklist";
import type { ClaimResult } from "../machine";
import type { Preflight } from "../preflight";
import { text } from "../../i18n/text";
import { ClaimExecutionError } from "../walletSteps";
import type { Holder } from "./readHolder";
import { buildTakeOverChecklist, takeOverCall } from "./takeOverChecklist";

/**
 * The offer for a device whose ioID someone else holds: the verdict on the device's Permit(owner = the connected
 * wallet) from the same preflight, then a dry run of `registry.migrate`. Nothing is planned unless all pass.
 */
export async function takeOverChecks(
  deps: { owner: Address; registry: Address; simulate: (call: PlannedCall) => Promise<Check | undefined> },
  facts: { preflight: Preflight; holder: Holder; device: Address; signature: Hex | undefined },
): Promise<{ checklist: Checklist; plan: PlannedCall[] }> {
  const { preflight, holder, device, signature } = facts;
  const checklist = buildTakeOverChecklist(device, signature, {
    owner: deps.owner,
    registry: deps.registry,
    domainSeparator: preflight.domainSeparator,
    nonce: preflight.nonce,
    holder,
  });
  if (!checklist.ok || !checklist.signature) return { checklist, plan: [] };
  const call = takeOverCall(deps.registry, device, deps.owner, checklist.signature);
  const failure = await deps.simulate(call);
  if (failure) return { checklist: { ...checklist, checks: [...checklist.checks, { ...failure, id: "takeover-simulation" as const }], ok: false }, plan: [] };
  return { checklist, plan: [call] };
}

/** The ioID the take-over moved, from its Migrate event; the wallet and DID are the ioID's own, known beforehand. */
export function takeOverResult(receipt: TransactionReceipt, ioIDContract: Address, facts: { holder: Holder; device: Address; did: string }): ClaimResult {
  const moved = parseEventLogs({ abi: ioIDAbi, eventName: "Migrate", logs: receipt.logs }).find(
    (log) => log.address.toLowerCase() === ioIDContract.toLowerCase() && log.args.id === facts.holder.ioIDTokenId,
  );
  if (!moved) throw new ClaimExecutionError("no-result", text("ClaimFailure.execution.noMigrateEvent"), receipt.transactionHash);
  return { ioID: moved.args.id, did: facts.did, device: facts.device, wallet: facts.holder.wallet, txHash: receipt.transactionHash };
}

/**
 * A take-over found again after a reload, when nothing but its receipt is left: its Migrate event names the ioID
 * and the new owner, and the ioID itself says its wallet and DID. Undefined when the receipt moved no ioID to `owner`.
 */
export async function resumedTakeOverResult(
  client: Pick<PublicClient, "readContract">,
  receipt: TransactionReceipt,
  ioIDContract: Address,
  owner: Address,
): Promise<ClaimResult | undefined> {
  const moved = parseEventLogs({ abi: ioIDAbi, eventName: "Migrate", logs: receipt.logs }).find(
    (log) => isAddressEqual(log.address, ioIDContract) && isAddressEqual(log.args.newOwner, owner),
  );
  if (!moved) return undefined;
  const [wallet, did] = await client.readContract({ address: ioIDContract, abi: ioIDAbi, functionName: "wallet", args: [moved.args.id] });
  return { ioID: moved.args.id, did, device: parseDid(did).address, wallet, txHash: receipt.transactionHash };
}
