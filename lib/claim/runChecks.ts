import { hexToNumber, isAddressEqual, slice, type Address, type Hex, type PublicClient } from "viem";
import { explainError } from "../chain/revertMessages";
import { text } from "../i18n/text";
import { DeviceError } from "../untrusted/errors";
import type { ClaimInput } from "./input/types";
import { permitDigestFromDomainSeparator } from "../device/permit";
import type { DeviceSession } from "../device/session";
import { bindPlan, registerCall, type PlannedCall } from "./bindPlan";
import { needsApproval } from "./walletSteps";
import { buildChecklist, type Checklist, type ClaimSubject } from "./checklist";
import { chooseDocument, type DocumentChoice, type DocumentOutcome } from "./document";
import type { DocumentFetcher } from "../did/documentFetch";
import type { Preflight, PreflightClient } from "./preflight";
import { readPreflight } from "./readPreflight";
import { readHolder, type Holder } from "./takeOver/readHolder";
import { takeOverChecks } from "./takeOver/takeOverChecks";

export interface ClaimCheckDeps {
  client: PreflightClient & Pick<PublicClient, "call">;
  chainId: number;
  registry: Address;
  owner: Address;
  /** Native currency kept aside for gas when judging the balance. */
  gasReserve: bigint;
  /** An open device session (HTTP, BLE, serial) to identify and sign; absent for pre-signed payloads. */
  session?: DeviceSession | undefined;
  requiredProjectId?: bigint | undefined;
  /** Token ids the owner may hold, for collections that cannot enumerate them (see ownerTokens.ts). */
  candidates?: readonly bigint[] | undefined;
  /** Fetches a payload's docUri to check it (document.ts); the browser's guarded fetcher by default. */
  fetchDocument?: DocumentFetcher | undefined;
}

export interface ClaimCheckResult {
  /** "take-over": the device's ioID is held by someone else; the checklist and plan are the offer to take it over. */
  mode: "register" | "take-over";
  /** Who holds the device's ioID and its wallet, when it has one. */
  holder?: Holder | undefined;
  subject: ClaimSubject;
  preflight: Preflight;
  checklist: Checklist;
  document: DocumentChoice | undefined;
  plan: PlannedCall[];
}

/**
 * The whole verification, in order: who the device is, what the chain says (one read), the device's
 * signature for exactly that state, the document to record, the verdict, and a simulation of `register`
 * when nothing else stands in its way. Nothing here asks the wallet for anything.
 */
export async function runClaimChecks(
  input: ClaimInput,
  nft: { contract: Address; tokenId?: bigint | undefined } | undefined,
  deps: ClaimCheckDeps,
): Promise<ClaimCheckResult> {
  const { session } = deps;
  const identity = input.did === undefined ? await requireSession(session, "identify").identify() : undefined;
  const did = input.did ?? identity!.did;
  const device = input.device ?? identity!.address;
  const publicKey = input.publicKey ?? identity?.publicKey;

  const dryRun = await speculativeDryRun(input, nft, deps);
  // The holder read rides in the same batched round trip: it is what a second-hand device's take-over offer needs.
  const [preflight, holder] = await Promise.all([
    readPreflight(deps.client, { contracts: { ioIDRegistry: deps.registry }, device, owner: deps.owner, nft, candidates: deps.candidates }),
    readHolder(deps.client, deps.registry, device),
  ]);
  const heldByOther = preflight.deviceExists && holder !== undefined && !isAddressEqual(holder.holder, deps.owner);

  let signature: Hex | undefined = input.permit?.signature;
  // Registering and taking over both need Permit(owner = you, nonce). A device registered to you is refused anyway:
  // don't make it sign for nothing. A take-over without a device link is shown as waiting for its signature.
  if (!signature && (!preflight.deviceExists || (heldByOther && session))) {
    const digest = permitDigestFromDomainSeparator(preflight.domainSeparator, deps.owner, preflight.nonce);
    signature = await requireSession(session, "sign").sign(digest);
  }

  const subject: ClaimSubject = {
    device,
    did,
    keyEvidence: publicKey ? "public-key" : input.document ? "did-document" : "none",
    signature,
    signedFor: input.permit && {
      owner: input.permit.owner,
      nonce: input.permit.nonce,
      chainId: input.chainId,
      registry: input.registry,
    },
    nft: preflight.nft,
  };
  if (heldByOther) {
    const offer = await takeOverChecks({ owner: deps.owner, registry: deps.registry, simulate: (call) => simulateRegister(deps, call) }, { preflight, holder, device, signature });
    return { mode: "take-over", holder, subject, preflight, document: undefined, ...offer };
  }
  const checklist = buildChecklist(subject, {
    owner: deps.owner,
    chainId: deps.chainId,
    registry: deps.registry,
    preflight,
    gasReserve: deps.gasReserve,
    requiredProjectId: deps.requiredProjectId,
  });
  if (!checklist.ok || !checklist.signature || preflight.nft?.tokenId === undefined) {
    return { mode: "register", holder, subject, preflight, checklist, document: undefined, plan: [] };
  }

  // The dry run already chose it from the same sources (it runs only without a device session).
  const chosen =
    dryRun?.document ??
    (await chooseDocument({
      did,
      publicKey,
      document: input.document,
      docUri: input.docUri,
      docHash: input.docHash,
      readDeviceDocument: session && (async () => (await session.diddoc()).document),
      fetchDocument: deps.fetchDocument,
    }));
  if (!chosen.ok) {
    return { mode: "register", subject, preflight, checklist: { ...checklist, checks: [...checklist.checks, chosen.check], ok: false }, document: undefined, plan: [] };
  }
  const document = chosen.choice;
  const nftToUse = { contract: preflight.nft.contract, tokenId: preflight.nft.tokenId };
  const plan = bindPlan({ preflight, nft: nftToUse, device, signature: checklist.signature, document, fee: checklist.fee });

  // Without approval the registry's NFT transfer would revert in simulation; that case is simulated
  // again between the approval and `register` (see the submit step).
  const register = plan.at(-1)!;
  const simulation = needsApproval(preflight)
    ? undefined
    : await (dryRun?.run && dryRun.run.call.data === register.data && dryRun.run.call.value === register.value ? dryRun.run.result : simulateRegister(deps, register));
  if (simulation) {
    return { mode: "register", subject, preflight, checklist: { ...checklist, checks: [...checklist.checks, simulation], ok: false }, document, plan: [] };
  }
  return { mode: "register", subject, preflight, checklist, document, plan };
}

/** undefined when `register` would succeed; otherwise the failing check, in the owner's words. */
export async function simulateRegister(
  deps: Pick<ClaimCheckDeps, "client" | "owner">,
  call: PlannedCall,
): Promise<Checklist["checks"][number] | undefined> {
  try {
    await deps.client.call({ account: deps.owner, to: call.to, data: call.data, value: call.value });
    return undefined;
  } catch (error) {
    const { message, action } = explainError(error);
    return { id: "simulation", ok: false, reason: message, advice: action };
  }
}

/**
 * A pre-signed claim can be dry-run before the chain is read, on the likely answers: the token the owner named
 * (else their first candidate) and a free registration from the project's prepaid quota. Started before the
 * preflight, it rides in the same JSON-RPC batch, so an owner whose NFT is already approved gets every check in
 * one round trip. Its result counts only if the facts agree (the same `register` call); otherwise `register` is
 * simulated again on the real facts. Pointless when an approval comes first, but then it costs one call in a
 * batch that goes anyway, not a round trip.
 */
async function speculativeDryRun(
  input: ClaimInput,
  nft: { contract: Address; tokenId?: bigint | undefined } | undefined,
  deps: ClaimCheckDeps,
): Promise<{ document: DocumentOutcome; run?: { call: PlannedCall; result: Promise<Checklist["checks"][number] | undefined> } } | undefined> {
  const { permit, device, did } = input;
  const tokenId = nft?.tokenId ?? deps.candidates?.[0];
  if (!permit || !device || !did || !nft || tokenId === undefined || deps.session) return undefined;
  // The payload's permit was verified for its own chain, registry and owner (payload.ts): only those match ours.
  if (input.chainId !== deps.chainId || !input.registry || !isAddressEqual(input.registry, deps.registry) || !isAddressEqual(permit.owner, deps.owner)) {
    return undefined;
  }
  const signature = { r: slice(permit.signature, 0, 32), s: slice(permit.signature, 32, 64), v: hexToNumber(slice(permit.signature, 64)) as 27 | 28 };
  const document = await chooseDocument({ did, publicKey: input.publicKey, document: input.document, docUri: input.docUri, docHash: input.docHash, fetchDocument: deps.fetchDocument });
  if (!document.ok) return { document };
  const call = registerCall({ registry: deps.registry, nft: { contract: nft.contract, tokenId }, device, signature, document: document.choice, fee: 0n });
  return { document, run: { call, result: simulateRegister(deps, call) } };
}

function requireSession(session: DeviceSession | undefined, purpose: "identify" | "sign"): DeviceSession {
  if (session) return session;
  throw new DeviceError("session-required", text("DeviceErrors.session.requiredToCheck", { purpose }));
}
