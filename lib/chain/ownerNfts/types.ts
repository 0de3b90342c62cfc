import type { Address } from "viem";

/** One device NFT the owner holds. `used`: it already served an ioID registration and can never serve another. */
export interface OwnedDeviceNFT {
  contract: Address;
  tokenId: bigint;
  used: boolean;
}

/** A project's device-NFT collection with the owner's tokens in it (the store binds one collection per project). */
export interface DeviceNFTGroup {
  contract: Address;
  projectId: bigint;
  /** Project.name(projectId); undefined when the Project contract would not say. */
  projectName: string | undefined;
  enumerable: boolean;
  tokens: OwnedDeviceNFT[];
  /**
   * Tokens balanceOf counts but neither enumeration nor the Transfer logs since the scan start revealed (received
   * before the logs the app reads): the owner can still type their ids.
   */
  unlisted: number;
}

export interface OwnerNFTDiscovery {
  groups: DeviceNFTGroup[];
  /** The block the answer describes. */
  blockNumber: bigint;
}
