// What happens to a registered device after its claim, done from Node the way owners' wallets and devices would:
// the device signs its Permit with its own key, the named anvil account sends. For specs that need a device with
// a past (history) or a funded device wallet (assets).
import { createWalletClient, http, parseSignature, type Address, type Hash, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { ioIDAbi, ioIDRegistryAbi, testNFTAbi, testTokenAbi } from "../../lib/chain/abi";
import { devnet } from "../../lib/chain/chains";
import { permitDigest } from "../../lib/device/permit";
import { anvilPrivateKeys } from "../../scripts/devnet/accounts";
import { e2eRpcUrl } from "./ports";
import { e2eDeployment as d, e2ePublicClient, type RegisteredDevice } from "./registerDevice";

const chain = { ...devnet, rpcUrls: { default: { http: [e2eRpcUrl] } } };
const sender = (index: number) => createWalletClient({ chain, transport: http(e2eRpcUrl, { retryCount: 0 }), account: privateKeyToAccount(anvilPrivateKeys[index]!) });
export const accountAddress = (index: number): Address => privateKeyToAccount(anvilPrivateKeys[index]!).address;

async function confirm(sent: Promise<Hash>): Promise<Hash> {
  const hash = await sent;
  const receipt = await e2ePublicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  if (receipt.status !== "success") throw new Error(`e2e setup transaction ${hash} reverted`);
  return hash;
}

async function devicePermit(device: RegisteredDevice, owner: Address): Promise<{ v: number; r: Hex; s: Hex }> {
  const nonce = await e2ePublicClient.readContract({ address: d.ioIDRegistry, abi: ioIDRegistryAbi, functionName: "nonces", args: [device.address] });
  const { v, r, s } = parseSignature(await privateKeyToAccount(device.privateKey).sign({ hash: permitDigest({ chainId: d.chainId, registry: d.ioIDRegistry, owner, nonce }) }));
  return { v: Number(v), r, s };
}

const registry = { address: d.ioIDRegistry, abi: ioIDRegistryAbi } as const;

export async function updateDocument(device: RegisteredDevice, by: number, hash: Hex, uri: string): Promise<Hash> {
  const p = await devicePermit(device, accountAddress(by));
  return confirm(sender(by).writeContract({ ...registry, functionName: "update", args: [device.address, hash, uri, p.v, p.r, p.s] }));
}

export async function transferIoID(device: RegisteredDevice, from: number, to: number): Promise<Hash> {
  return confirm(sender(from).writeContract({ address: d.ioID, abi: ioIDAbi, functionName: "transferFrom", args: [accountAddress(from), accountAddress(to), device.ioID] }));
}

/** The device signs for `to`; `submitter` sends (anyone may). */
export async function takeOver(device: RegisteredDevice, to: number, submitter: number): Promise<Hash> {
  const p = await devicePermit(device, accountAddress(to));
  return confirm(sender(submitter).writeContract({ ...registry, functionName: "migrate", args: [device.address, accountAddress(to), p.v, p.r, p.s] }));
}

export async function removeRegistration(device: RegisteredDevice, by: number): Promise<Hash> {
  const p = await devicePermit(device, accountAddress(by));
  return confirm(sender(by).writeContract({ ...registry, functionName: "remove", args: [device.address, p.v, p.r, p.s] }));
}

export async function deviceWalletOf(device: RegisteredDevice): Promise<Address> {
  return (await e2ePublicClient.readContract({ address: d.ioID, abi: ioIDAbi, functionName: "wallet", args: [device.ioID] }))[0];
}

/** Pays IOTX (from account 2), mints the test ERC-20 and one test NFT into the device wallet (account 0 mints). */
export async function fundDeviceWallet(wallet: Address, { iotx, tokens }: { iotx: bigint; tokens: bigint }): Promise<void> {
  await confirm(sender(2).sendTransaction({ to: wallet, value: iotx }));
  await confirm(sender(0).writeContract({ address: d.demo.testToken, abi: testTokenAbi, functionName: "mint", args: [wallet, tokens] }));
  await confirm(sender(0).writeContract({ address: d.demo.testNFT, abi: testNFTAbi, functionName: "mint", args: [wallet] }));
}
