// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ProjectType} from "./IProject.sol";

/// @notice The parts of the ioID suite a VerifyingProxy drives on its project's behalf.
interface IProjectRegistryForProxy {
    function project() external view returns (address);

    function register(string calldata name, ProjectType type_) external payable returns (uint256);
}

interface IioIDStoreForProxy {
    function setDeviceContract(uint256 projectId, address deviceContract) external;

    function applyIoIDs(uint256 projectId, uint256 amount) external payable;
}

interface IioIDRegistryForProxy {
    function ioID() external view returns (address);

    function ioIDStore() external view returns (address);

    function deviceTokenId(address device) external view returns (uint256);

    function register(
        address deviceContract,
        uint256 tokenId,
        address user,
        address device,
        bytes32 hash,
        string calldata uri,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external payable;
}

interface IDeviceNFTForProxy {
    function configureMinter(address minter, uint256 allowance) external;

    function incrementMinterAllowance(address minter, uint256 increment) external;

    function mint(address to) external returns (uint256);

    function setApprovalForAll(address operator, bool approved) external;
}
