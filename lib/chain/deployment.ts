import { getAddress, isAddress, type Address } from "viem";
import { z } from "zod";

const address = z
  .string()
  .refine((s) => isAddress(s, { strict: false }), "not a 0x address")
  .transform((s): Address => getAddress(s));

const tokenIds = z.array(z.number().int().positive());

/**
 * A deployment of our ioID v1 suite with its demo data, as written by `npm run devnet`
 * (lib/chain/deployments/devnet.json) and returned by scripts/devnet/deploy.ts.
 */
export const deploymentSchema = z.object({
  chainId: z.number().int().positive(),
  /** Block of the first deployment transaction: a safe `fromBlock` for log queries. */
  block: z.number().int().nonnegative(),
  ioIDRegistry: address,
  ioID: address,
  ioIDStore: address,
  project: address,
  projectRegistry: address,
  /** Device-NFT contract bound to `projectId` ("Demo DePIN", a hardware project with a prepaid quota). */
  deviceNFT: address,
  erc6551Registry: address,
  erc6551AccountImpl: address,
  multicall3: address,
  projectId: z.number().int().positive(),
  demo: z.object({
    /** "Other Project": a second hardware project with its own device NFT, for wrong-project cases. */
    otherProjectId: z.number().int().positive(),
    otherDeviceNFT: address,
    /** A device-NFT contract bound to no project: registering with it reverts "invalid project". */
    unboundDeviceNFT: address,
    /** Who holds which `deviceNFT` tokens right after the deploy. */
    owners: z.array(z.object({ address, deviceNFTTokenIds: tokenIds })),
    /** "Enumerable Project": a hardware project whose device NFT is ERC721Enumerable; tokens 1-2 belong to account 0. */
    enumerableProjectId: z.number().int().positive(),
    enumerableDeviceNFT: address,
    /** "Proxy Project": registered by our VerifyingProxy, which owns the project and mints its device NFTs. */
    proxy: z.object({
      address,
      projectId: z.number().int().positive(),
      deviceNFT: address,
      /** The address the devnet verifier service signs with. */
      verifier: address,
    }),
    /** An ERC-20 and an ERC-721 for device-wallet assets (TestToken, TestNFT); anvil account 0 mints both. */
    testToken: address,
    testNFT: address,
  }),
});

export type Deployment = z.infer<typeof deploymentSchema>;

/** The JSON form, keys in a stable order (what deploy scripts write). */
export function serializeDeployment(deployment: Deployment): string {
  const d = deploymentSchema.parse(deployment);
  const ordered = {
    chainId: d.chainId,
    block: d.block,
    ioIDRegistry: d.ioIDRegistry,
    ioID: d.ioID,
    ioIDStore: d.ioIDStore,
    project: d.project,
    projectRegistry: d.projectRegistry,
    deviceNFT: d.deviceNFT,
    erc6551Registry: d.erc6551Registry,
    erc6551AccountImpl: d.erc6551AccountImpl,
    multicall3: d.multicall3,
    projectId: d.projectId,
    demo: {
      otherProjectId: d.demo.otherProjectId,
      otherDeviceNFT: d.demo.otherDeviceNFT,
      unboundDeviceNFT: d.demo.unboundDeviceNFT,
      owners: d.demo.owners.map((o) => ({ address: o.address, deviceNFTTokenIds: o.deviceNFTTokenIds })),
      enumerableProjectId: d.demo.enumerableProjectId,
      enumerableDeviceNFT: d.demo.enumerableDeviceNFT,
      proxy: {
        address: d.demo.proxy.address,
        projectId: d.demo.proxy.projectId,
        deviceNFT: d.demo.proxy.deviceNFT,
        verifier: d.demo.proxy.verifier,
      },
      testToken: d.demo.testToken,
      testNFT: d.demo.testNFT,
    },
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
