// Device inbox throughput with the embedded database: messages/s the inbox accepts through the same code path
// as POST /api/inbox/message (Inbox.receiveMessage with the server's default primitives, OpenSSL: token lookup,
// decrypt, sender bound to the token, device signature verified when there is one, stored in PGlite, reply
// signed and encrypted to the device), 64 in flight, from 100 of the seeded devices, every message distinct.
// "Accepted" means receiveMessage returned the reply, which it does only once the message's row is committed
// (rows arriving together share one INSERT and one commit; PGlite's default durability, not relaxed).
// Tokens are issued first through the real resolver; encryption on the device side is done beforehand and not
// counted. Besides msg/s, the process CPU time per message (event loop and thread pool together) is reported:
// msg/s depends on what else runs on the machine's 2 cores, CPU per message much less.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineChain } from "viem";
import { hexToBytes } from "@noble/hashes/utils";
import type { ChainConfig } from "../../lib/chain/config";
import { createVirtualDevice, deriveScalar } from "../../lib/device/simulated/virtualDevice";
import { createDocumentFetcher } from "../../lib/did/documentFetch";
import { resolverChains } from "../../lib/did/resolverChains";
import { resolveDidIo } from "../../lib/did/resolve";
import { openToken, sealMessage, serverContactFrom, type DeviceInboxKeys } from "../../lib/didcomm/deviceSide";
import { signJws } from "../../lib/didcomm/jws";
import { openDatabase } from "../../lib/server/db/openDatabase";
import { migrate } from "../../lib/server/db/migrate";
import { createDeviceDirectory } from "../../lib/server/inbox/deviceDirectory";
import { createInbox } from "../../lib/server/inbox/inbox";
import { DEFAULT_INBOX_LIMITS } from "../../lib/server/inbox/limits";
import { serverKeysFrom } from "../../lib/server/inbox/serverKeys";
import { createInboxStore } from "../../lib/server/inbox/store";
import { seededDevices } from "./devicesList";
import type { BenchModule } from "./types";

const DEVICES = 100;
const MESSAGES = 3_000;
const IN_FLIGHT = 64;
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

export const inboxBench: BenchModule = {
  id: "inbox",
  async run(ctx, report) {
    await seededDevices(ctx);
    const { rpcUrl, deployment } = await ctx.devnet();
    const chain = defineChain({ id: deployment.chainId, name: "bench devnet", nativeCurrency: { name: "IoTeX", symbol: "IOTX", decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } });
    const config = { chain, rpcUrl, explorerUrl: undefined, multicall3: undefined, deviceNFTs: [], logsFromBlock: 0n, contracts: deployment } as unknown as ChainConfig;
    const deps = { chains: resolverChains([config]), defaultChainId: deployment.chainId, fetchDocument: createDocumentFetcher() };

    const dir = mkdtempSync(path.join(os.tmpdir(), "ioid-bench-inbox-"));
    const opened = performance.now();
    const db = await openDatabase({ pgliteDir: dir });
    await migrate(db);
    ctx.log(`PGlite opened and migrated in ${Math.round(performance.now() - opened)} ms`);
    try {
      const limits = { ...DEFAULT_INBOX_LIMITS, perDevicePerMinute: 1_000_000 };
      const keys = serverKeysFrom({ signingKey: deriveScalar("bench-inbox-sign", SECP256K1_N).slice(2), keyAgreementKey: deriveScalar("bench-inbox-ka", SECP256K1_N / 2n).slice(2) });
      const inbox = createInbox({ store: createInboxStore(db, limits), keys, devices: createDeviceDirectory((did, o) => resolveDidIo(did, deps, o)), limits });
      const server = serverContactFrom(keys.document);

      const devices = Array.from({ length: DEVICES }, (_, i) => {
        const key = deriveScalar(`bench-device-${i}`, SECP256K1_N);
        const device = createVirtualDevice({ privateKey: key });
        const inboxKeys: DeviceInboxKeys = { did: device.did, keyAgreement: { kid: device.diddocJson().diddoc.keyAgreement[0]!, privateKey: hexToBytes(device.p256PrivateKey.slice(2)) } };
        return { key, inboxKeys };
      });
      const tokens = await Promise.all(devices.map(async (d) => openToken(await inbox.requestToken({ clientID: d.inboxKeys.did }), d.inboxKeys, server)));

      for (const signed of [false, true]) {
        const batch = await Promise.all(
          Array.from({ length: MESSAGES }, async (_, i) => {
            const d = devices[i % DEVICES]!;
            const reading = JSON.stringify({ type: "telemetry", seq: i, temperature: 21.5, at: new Date().toISOString() });
            const text = signed ? signJws(reading, { crv: "secp256k1", privateKey: hexToBytes(d.key.slice(2)) }, "compact") : reading;
            return { auth: `Bearer ${tokens[i % DEVICES]}`, jwe: await sealMessage(text, d.inboxKeys, server) };
          }),
        );
        let next = 0;
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        await Promise.all(
          Array.from({ length: IN_FLIGHT }, async () => {
            while (next < batch.length) {
              const m = batch[next++]!;
              await inbox.receiveMessage(m.auth, m.jwe);
            }
          }),
        );
        const seconds = (performance.now() - started) / 1000;
        const cpu = process.cpuUsage(cpuBefore);
        ctx.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} after the ${signed ? "signed" : "plain"} run`);
        const name = signed ? "inbox_accept_device_signed" : "inbox_accept";
        report({ name, value: MESSAGES / seconds, unit: "msg/s" });
        report({ name: `${name}_cpu`, value: (cpu.user + cpu.system) / MESSAGES, unit: "us/msg" });
      }
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
