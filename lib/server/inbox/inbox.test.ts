import { defineChain, keccak256, stringToBytes } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hexToBytes } from "@noble/hashes/utils";
import { registerDevice, useDevnet } from "../../../contracts/test/helpers";
import type { ChainConfig } from "../../chain/config";
import { createVirtualDevice, type VirtualDevice } from "../../device/simulated/virtualDevice";
import { createDocumentFetcher } from "../../did/documentFetch";
import { dataUriForDocument, documentHash } from "../../did/didDocument";
import type { Resolve } from "../../did/http";
import { resolverChains } from "../../did/resolverChains";
import { resolveDidIo } from "../../did/resolve";
import { openReply, openToken, sealMessage, serverContactFrom, type DeviceInboxKeys } from "../../didcomm/deviceSide";
import { decryptJwe } from "../../didcomm/jweDecrypt";
import { signJws } from "../../didcomm/jws";
import type { Database } from "../db/database";
import { enginesUnderTest } from "../db/testing";
import { createDeviceDirectory, type DeviceDirectory } from "./deviceDirectory";
import { InboxError } from "./errors";
import { createInbox, type Inbox } from "./inbox";
import { DEFAULT_INBOX_LIMITS } from "./limits";
import { serverKeysFrom } from "./serverKeys";
import { createInboxStore, type InboxStore } from "./store";
import { ownerMessages } from "../owner/ownerMessages";
import { ioIDAbi, ioIDRegistryAbi } from "../../chain/abi";

const devnet = useDevnet();
const keyOf = (label: string) => keccak256(stringToBytes(label));
const registered = createVirtualDevice({ privateKey: keyOf("inbox-registered") });
const stranger = createVirtualDevice({ privateKey: keyOf("inbox-stranger") });
const keysOf = (d: VirtualDevice): DeviceInboxKeys => ({
  did: d.did,
  keyAgreement: { kid: d.diddocJson().diddoc.keyAgreement[0]!, privateKey: hexToBytes(d.p256PrivateKey.slice(2)) },
});
const serverKeys = serverKeysFrom({ signingKey: keyOf("inbox-server-sign").slice(2), keyAgreementKey: keyOf("inbox-server-ka").slice(2), es256SigningKey: keyOf("inbox-server-es256").slice(2) });
const server = serverContactFrom(serverKeys.document);
const limits = { ...DEFAULT_INBOX_LIMITS, perDevicePerMinute: 100, maxMessageBytes: 200 };

const engine = enginesUnderTest[0]!;

describe("device inbox (anvil + PGlite)", () => {
  let db: Database;
  let dispose: () => Promise<void>;
  let store: InboxStore;
  let inbox: Inbox;
  let devices: DeviceDirectory;
  let resolve: Resolve;

  beforeAll(async () => {
    ({ db, dispose } = await engine.open());
    store = createInboxStore(db, limits);
    const doc = registered.diddocJson().diddoc;
    await registerDevice(devnet, { tokenId: 1n, device: privateKeyToAccount(keyOf("inbox-registered")), hash: documentHash(doc), uri: dataUriForDocument(doc) });
    const chain = defineChain({ id: devnet.chainId, name: "devnet", nativeCurrency: { name: "IoTeX", symbol: "IOTX", decimals: 18 }, rpcUrls: { default: { http: [devnet.rpcUrl] } } });
    const config = { chain, rpcUrl: devnet.rpcUrl, explorerUrl: undefined, multicall3: undefined, deviceNFTs: [], logsFromBlock: 0n, contracts: devnet.deployment } as unknown as ChainConfig;
    const deps = { chains: resolverChains([config]), defaultChainId: devnet.chainId, fetchDocument: createDocumentFetcher() };
    resolve = (did, o) => resolveDidIo(did, deps, o);
    devices = createDeviceDirectory(resolve);
    inbox = createInbox({ store, keys: serverKeys, devices, limits });
  }, 300_000);
  afterAll(() => dispose());

  const tokenFor = async (d: VirtualDevice) => openToken(await inbox.requestToken({ clientID: d.did }), keysOf(d), server);

  it("answers a registered device's token request with a token only its key-agreement key opens", async () => {
    const jwe = await inbox.requestToken({ clientID: registered.did });
    const token = await openToken(jwe, keysOf(registered), server);
    expect(token.split(".")).toHaveLength(3);
    // ES256 with the inbox's P-256 signing key, named so the device finds it in the inbox's DID Document.
    expect(JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString())).toEqual({ alg: "ES256", kid: serverKeys.es256.kid });
    // Encrypted to the registered device's key: any other key gets nothing.
    await expect(decryptJwe(jwe, { kid: keysOf(registered).keyAgreement.kid, privateKey: keysOf(stranger).keyAgreement.privateKey })).rejects.toThrow(/tag mismatch/);
  });

  it("refuses a device with no ioID, and a malformed request", async () => {
    await expect(inbox.requestToken({ clientID: stranger.did })).rejects.toMatchObject({ code: "not-registered", status: 403 });
    await expect(inbox.requestToken({ clientID: stranger.did })).rejects.toThrow(/no ioID registration/);
    await expect(inbox.requestToken({ device: registered.did })).rejects.toMatchObject({ code: "bad-request" });
  });

  it("stores a message and replies with a server-signed acknowledgement the device can open", async () => {
    const token = await tokenFor(registered);
    const reply = await inbox.receiveMessage(`Bearer ${token}`, await sealMessage('{"temperature":21.5}', keysOf(registered), server));
    const ack = (await openReply(reply, keysOf(registered), server)) as { type: string; id: string };
    expect(ack.type).toBe("ack");
    const [latest] = await store.listMessages(registered.did, 1);
    expect(latest).toMatchObject({ id: ack.id, body: '{"temperature":21.5}', signedByDevice: false });
  });

  it("marks messages the device signed, and refuses a signature by anyone else", async () => {
    const token = await tokenFor(registered);
    const jws = signJws('{"door":"open"}', { crv: "secp256k1", privateKey: hexToBytes(keyOf("inbox-registered").slice(2)) }, "compact");
    await inbox.receiveMessage(`Bearer ${token}`, await sealMessage(jws, keysOf(registered), server));
    expect((await store.listMessages(registered.did, 1))[0]).toMatchObject({ body: '{"door":"open"}', signedByDevice: true });
    const forged = signJws('{"door":"open"}', { crv: "secp256k1", privateKey: hexToBytes(keyOf("inbox-stranger").slice(2)) }, "compact");
    await expect(inbox.receiveMessage(`Bearer ${token}`, await sealMessage(forged, keysOf(registered), server))).rejects.toMatchObject({ code: "bad-signature" });
  });

  it("refuses replays, unknown tokens and messages claiming another sender", async () => {
    const token = await tokenFor(registered);
    const jwe = await sealMessage("once", keysOf(registered), server);
    await inbox.receiveMessage(`Bearer ${token}`, jwe);
    await expect(inbox.receiveMessage(`Bearer ${token}`, jwe)).rejects.toMatchObject({ code: "replay", status: 409 });
    // The same bytes spelled in padded standard base64 (ioConnect's decoder accepts it) are still a replay.
    const respelled = JSON.parse(jwe);
    respelled.tag = Buffer.from(respelled.tag, "base64url").toString("base64");
    await expect(inbox.receiveMessage(`Bearer ${token}`, JSON.stringify(respelled))).rejects.toMatchObject({ code: "replay" });
    await expect(inbox.receiveMessage(`Bearer ${"x".repeat(40)}`, jwe)).rejects.toMatchObject({ code: "unauthorized", status: 401 });
    await expect(inbox.receiveMessage(null, jwe)).rejects.toMatchObject({ code: "unauthorized" });
    const foreign = await sealMessage("hi", { did: stranger.did }, server);
    await expect(inbox.receiveMessage(`Bearer ${token}`, foreign)).rejects.toMatchObject({ code: "forbidden", status: 403 });
    const notForUs = await sealMessage("hi", keysOf(registered), { keyAgreement: { kid: "did:io:0x01#Key-p256-2", publicKey: server.keyAgreement.publicKey } });
    await expect(inbox.receiveMessage(`Bearer ${token}`, notForUs)).rejects.toMatchObject({ code: "undecryptable" });
  });

  it("enforces the size and per-device rate limits with clear errors", async () => {
    const token = await tokenFor(registered);
    await expect(inbox.receiveMessage(`Bearer ${token}`, await sealMessage("x".repeat(201), keysOf(registered), server))).rejects.toThrow(/201 bytes; this inbox keeps at most 200/);
    const strict = createInbox({ store, keys: serverKeys, devices, limits: { ...limits, perDevicePerMinute: 3 } });
    const send = async (i: number) => strict.receiveMessage(`Bearer ${token}`, await sealMessage(`n${i}`, keysOf(registered), server)).then(() => "ok", (e: InboxError) => e.code);
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await send(i));
    expect(outcomes).toEqual(["ok", "ok", "ok", "rate-limited"]);
    await expect(strict.receiveMessage(`Bearer ${token}`, "{}")).rejects.toThrow(/more than 3 messages a minute/);
  });

  it("lets only the ioID's current owner read, and follows a transfer", async () => {
    const token = await tokenFor(registered);
    await inbox.receiveMessage(`Bearer ${token}`, await sealMessage("for the owner", keysOf(registered), server));
    const [owner, other] = devnet.accounts.map((a) => a.address);
    const read = (signedIn: `0x${string}` | null) => ownerMessages({ did: registered.did, chainId: devnet.chainId, signedIn, limit: 10 }, { resolve, store });
    expect((await read(owner!)).messages[0]!.body).toBe("for the owner");
    await expect(read(other!)).rejects.toMatchObject({ code: "forbidden" });
    await expect(read(null)).rejects.toMatchObject({ code: "unauthorized" });
    const tokenId = await devnet.publicClient.readContract({ address: devnet.deployment.ioIDRegistry, abi: ioIDRegistryAbi, functionName: "deviceTokenId", args: [registered.address] });
    const hash = await devnet.wallets[0]!.writeContract({ address: devnet.deployment.ioID, abi: ioIDAbi, functionName: "transferFrom", args: [owner!, other!, tokenId] });
    await devnet.publicClient.waitForTransactionReceipt({ hash });
    expect((await read(other!)).messages[0]!.body).toBe("for the owner");
    await expect(read(owner!)).rejects.toThrow(/Only the owner of this ioID/);
  });
});
