// Device inbox throughput with the embedded database: messages/s the inbox accepts through the same code path
// as POST /api/inbox/message (Inbox.receiveMessage with the server's default primitives, OpenSSL: token lookup,
// decrypt, sender bound to the token, device signature verified when there is one, stored in PGlite, reply
// signed and encrypted to the device), 64 in flight, from 100 of the seeded devices, every message distinct.
// "Accepted" means receiveMessage returned the reply, which it does only once the message's row is committed
// (rows arriving together share one INSERT and one commit; PGlite's default durability, not relaxed).
// Tokens are issued first through the real resolver; encryption on the device side is done beforehand and not
// counted. Besides msg/s, per message: the process's CPU time (event loop, thread pool, workers and GC threads
// together), the event loop's busy time (wall clock, so it grows when other processes take the core) and, on
// Linux, the event loop thread's own CPU time. msg/s depends on what else runs on the machine's 2 cores, CPU
// time much less. On 2 cores msg/s ≤ min(1 / event-loop time, 2 / CPU time) per message.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
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

/** CPU time (µs) of the calling thread, the event loop's, from Linux's /proc; undefined elsewhere. */
function eventLoopCpu(): number | undefined {
  try {
    const fields = readFileSync("/proc/thread-self/stat", "utf8").split(")").pop()!.trim().split(" ");
    // utime and stime (fields 14 and 15 of stat(5)), in clock ticks (USER_HZ: 100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return undefined;
  }
}

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
      const keys = serverKeysFrom({ signingKey: deriveScalar("bench-inbox-sign", SECP256K1_N).slice(2), keyAgreementKey: deriveScalar("bench-inbox-ka", SECP256K1_N / 2n).slice(2), es256SigningKey: deriveScalar("bench-inbox-es256", SECP256K1_N / 2n).slice(2) });
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
        const loopBefore = performance.eventLoopUtilization();
        const loopCpuBefore = eventLoopCpu();
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
        const loop = performance.eventLoopUtilization(loopBefore);
        const loopCpu = eventLoopCpu();
        ctx.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} after the ${signed ? "signed" : "plain"} run`);
        const name = signed ? "inbox_accept_device_signed" : "inbox_accept";
        report({ name, value: MESSAGES / seconds, unit: "msg/s" });
        report({ name: `${name}_cpu`, value: (cpu.user + cpu.system) / MESSAGES, unit: "us/msg" });
        report({ name: `${name}_event_loop_busy`, value: (loop.active * 1000) / MESSAGES, unit: "us/msg" });
        if (loopCpu !== undefined && loopCpuBefore !== undefined) report({ name: `${name}_event_loop_cpu`, value: (loopCpu - loopCpuBefore) / MESSAGES, unit: "us/msg" });
      }
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
