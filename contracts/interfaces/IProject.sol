// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice Project kinds: hardware projects prepay ioID quota, virtual projects pay per registration.
enum ProjectType {
    Hardware,
    Virtual
}

interface IProject {
    function projectType(uint256 projectId) external view returns (ProjectType);

    function mint(address owner) external returns (uint256);

    function mint(address owner, string calldata name) external returns (uint256);

    function mint(address owner, string calldata name, ProjectType type_) external returns (uint256);
}
