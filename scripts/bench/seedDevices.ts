// Seeds many ioIDs on a throwaway anvil fast: automine off, transactions sent from the unlocked deployer in
// JSON-RPC batches with explicit nonces and gas (no estimation against a pending state), mined in a few blocks.
import { encodeFunctionData, numberToHex, parseSignature, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { deviceNFTAbi, ioIDRegistryAbi, ioIDStoreAbi } from "../../lib/chain/abi";
import type { Deployment } from "../../lib/chain/deployment";
import { dataUriForDocument, documentHash } from "../../lib/did/didDocument";
import { formatDid } from "../../lib/did/did";
import { permitDigest } from "../../lib/device/permit";
import { createVirtualDevice, deriveScalar } from "../../lib/device/simulated/virtualDevice";

type RpcRequest = { method: string; params: unknown[] };

async function rpcBatch<T = unknown>(rpcUrl: string, requests: RpcRequest[]): Promise<T[]> {
  const response = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(requests.map((r, id) => ({ jsonrpc: "2.0", id, ...r }))),
  });
  const answers = (await response.json()) as { id: number; result?: T; error?: { message: string } }[];
  return answers
    .sort((a, b) => a.id - b.id)
    .map((a) => {
      if (a.error) throw new Error(`${requests[a.id]?.method}: ${a.error.message}`);
      return a.result as T;
    });
}

const rpc = async <T = unknown>(rpcUrl: string, method: string, params: unknown[] = []) => (await rpcBatch<T>(rpcUrl, [{ method, params }]))[0]!;

export interface SeededDevice {
  address: Address;
  did: string;
}

/** Sends `calls` from `from` (unlocked) with consecutive nonces and mines until all are in; throws on a revert. */
async function sendAndMine(rpcUrl: string, from: Address, calls: { to: Address; data: Hex; gas: bigint; value?: bigint }[]): Promise<void> {
  let nonce = BigInt(await rpc<Hex>(rpcUrl, "eth_getTransactionCount", [from, "pending"]));
  const hashes: Hex[] = [];
  for (let i = 0; i < calls.length; i += 250) {
    const slice = calls.slice(i, i + 250).map((c) => ({
      method: "eth_sendTransaction",
      params: [{ from, to: c.to, data: c.data, gas: numberToHex(c.gas), value: numberToHex(c.value ?? 0n), nonce: numberToHex(nonce++) }],
    }));
    hashes.push(...(await rpcBatch<Hex>(rpcUrl, slice)));
  }
  for (let guard = 0; guard < 1_000; guard++) {
    await rpc(rpcUrl, "evm_mine");
    const status = await rpc<{ pending: Hex }>(rpcUrl, "txpool_status");
    if (BigInt(status.pending) === 0n) break;
  }
  for (let i = 0; i < hashes.length; i += 250) {
    const receipts = await rpcBatch<{ status: Hex } | null>(rpcUrl, hashes.slice(i, i + 250).map((h) => ({ method: "eth_getTransactionReceipt", params: [h] })));
    const bad = receipts.findIndex((r) => r?.status !== "0x1");
    if (bad >= 0) throw new Error(`seed transaction ${hashes[i + bad]} ${receipts[bad] ? "reverted" : "was not mined"}`);
  }
}

/**
 * Registers `count` devices to the deployer (anvil account 0), each with its ioConnect DID Document as a data:
 * URI hashed by our rule. Device NFTs are minted for the purpose; quota is prepaid so `register` carries no value.
 */
export async function seedDevices(rpcUrl: string, d: Deployment, count: number): Promise<SeededDevice[]> {
  const owner = d.demo.owners[0]!.address;
  await rpc(rpcUrl, "evm_setAutomine", [false]);
  await rpc(rpcUrl, "evm_setBlockGasLimit", [numberToHex(1_000_000_000n)]);
  try {
    const price = 10n ** 18n;
    const mintData = encodeFunctionData({ abi: deviceNFTAbi, functionName: "mint", args: [owner] });
    const firstToken = BigInt(await rpcCall(rpcUrl, d.deviceNFT, encodeFunctionData({ abi: deviceNFTAbi, functionName: "total" }))) + 1n;
    await sendAndMine(rpcUrl, owner, [
      { to: d.deviceNFT, data: encodeFunctionData({ abi: deviceNFTAbi, functionName: "incrementMinterAllowance", args: [owner, BigInt(count)] }), gas: 200_000n },
      { to: d.ioIDStore, data: encodeFunctionData({ abi: ioIDStoreAbi, functionName: "applyIoIDs", args: [BigInt(d.projectId), BigInt(count)] }), gas: 200_000n, value: price * BigInt(count) },
      { to: d.deviceNFT, data: encodeFunctionData({ abi: deviceNFTAbi, functionName: "setApprovalForAll", args: [d.ioIDRegistry, true] }), gas: 200_000n },
      ...Array.from({ length: count }, () => ({ to: d.deviceNFT, data: mintData, gas: 200_000n })),
    ]);

    const devices: SeededDevice[] = [];
    const registers: { to: Address; data: Hex; gas: bigint }[] = [];
    for (let i = 0; i < count; i++) {
      // A fixed key per index: the same 1,000 devices on every run.
      const key = deriveScalar(`bench-device-${i}`, 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n);
      const device = createVirtualDevice({ privateKey: key });
      const doc = device.diddocJson().diddoc;
      const signature = await privateKeyToAccount(key).sign({ hash: permitDigest({ chainId: d.chainId, registry: d.ioIDRegistry, owner, nonce: 0n }) });
      const { r, s, v } = parseSignature(signature);
      registers.push({
        to: d.ioIDRegistry,
        data: encodeFunctionData({ abi: ioIDRegistryAbi, functionName: "register", args: [d.deviceNFT, firstToken + BigInt(i), device.address, documentHash(doc), dataUriForDocument(doc), Number(v), r, s] }),
        gas: 3_000_000n,
      });
      devices.push({ address: device.address, did: formatDid(device.address) });
    }
    await sendAndMine(rpcUrl, owner, registers);
    return devices;
  } finally {
    await rpc(rpcUrl, "evm_setAutomine", [true]);
  }
}

async function rpcCall(rpcUrl: string, to: Address, data: Hex): Promise<Hex> {
  return rpc<Hex>(rpcUrl, "eth_call", [{ to, data }, "latest"]);
}
