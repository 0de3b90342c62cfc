// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

interface IioID {
    function mint(uint256 projectId, address device, address owner) external returns (uint256);

    function wallet(uint256 id) external view returns (address wallet_, string memory did_);

    function migrate(uint256 id, address to) external;

    function removeDID(address device) external;
}
